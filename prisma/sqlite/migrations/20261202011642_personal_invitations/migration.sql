-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShareRef" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "topicId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" DATETIME,
    "personal" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "expiresAt" DATETIME,
    "openedAt" DATETIME,
    "followedAt" DATETIME,
    CONSTRAINT "ShareRef_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ShareRef" ("archivedAt", "code", "createdAt", "id", "label", "topicId") SELECT "archivedAt", "code", "createdAt", "id", "label", "topicId" FROM "ShareRef";
DROP TABLE "ShareRef";
ALTER TABLE "new_ShareRef" RENAME TO "ShareRef";
CREATE UNIQUE INDEX "ShareRef_code_key" ON "ShareRef"("code");
CREATE INDEX "ShareRef_topicId_createdAt_idx" ON "ShareRef"("topicId", "createdAt");
CREATE INDEX "ShareRef_topicId_personal_archivedAt_idx" ON "ShareRef"("topicId", "personal", "archivedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

