-- AlterTable
ALTER TABLE "Update" ADD COLUMN "appealNote" TEXT;
ALTER TABLE "Update" ADD COLUMN "appealedAt" DATETIME;
ALTER TABLE "Update" ADD COLUMN "hiddenAt" DATETIME;
ALTER TABLE "Update" ADD COLUMN "hiddenReason" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN "suspendedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "suspendedReason" TEXT;

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "topicId" TEXT,
    "updateId" TEXT,
    "groupId" TEXT,
    "reason" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "reporterId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    CONSTRAINT "Report_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Report_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "Update" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Report_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Report_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModerationLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetLabel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PartnerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "concern" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'de',
    "status" TEXT NOT NULL DEFAULT 'active',
    "adminTopicId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME,
    "suspendedAt" DATETIME,
    "suspendedFrom" TEXT,
    "suspendedReason" TEXT,
    "appealNote" TEXT,
    "appealedAt" DATETIME,
    "searchText" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "PartnerGroup_adminTopicId_fkey" FOREIGN KEY ("adminTopicId") REFERENCES "Topic" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_PartnerGroup" ("adminTopicId", "archivedAt", "concern", "createdAt", "description", "id", "language", "name", "slug", "status", "updatedAt") SELECT "adminTopicId", "archivedAt", "concern", "createdAt", "description", "id", "language", "name", "slug", "status", "updatedAt" FROM "PartnerGroup";
DROP TABLE "PartnerGroup";
ALTER TABLE "new_PartnerGroup" RENAME TO "PartnerGroup";
CREATE UNIQUE INDEX "PartnerGroup_slug_key" ON "PartnerGroup"("slug");
CREATE INDEX "PartnerGroup_status_createdAt_idx" ON "PartnerGroup"("status", "createdAt");
CREATE TABLE "new_Topic" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'de',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "pushBudget" INTEGER NOT NULL DEFAULT 3,
    "ownerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "archivedAt" DATETIME,
    "suspendedAt" DATETIME,
    "suspendedFrom" TEXT,
    "suspendedReason" TEXT,
    "appealNote" TEXT,
    "appealedAt" DATETIME,
    "removedAt" DATETIME,
    "searchText" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Topic_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Topic" ("archivedAt", "body", "createdAt", "id", "language", "ownerId", "publishedAt", "pushBudget", "slug", "status", "summary", "title", "updatedAt") SELECT "archivedAt", "body", "createdAt", "id", "language", "ownerId", "publishedAt", "pushBudget", "slug", "status", "summary", "title", "updatedAt" FROM "Topic";
DROP TABLE "Topic";
ALTER TABLE "new_Topic" RENAME TO "Topic";
CREATE UNIQUE INDEX "Topic_slug_key" ON "Topic"("slug");
CREATE INDEX "Topic_status_publishedAt_idx" ON "Topic"("status", "publishedAt");
CREATE INDEX "Topic_ownerId_idx" ON "Topic"("ownerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Report_status_createdAt_idx" ON "Report"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Report_topicId_status_idx" ON "Report"("topicId", "status");

-- CreateIndex
CREATE INDEX "Report_groupId_status_idx" ON "Report"("groupId", "status");

-- CreateIndex
CREATE INDEX "Report_reporterId_idx" ON "Report"("reporterId");

-- CreateIndex
CREATE INDEX "ModerationLog_createdAt_idx" ON "ModerationLog"("createdAt");

-- CreateIndex
CREATE INDEX "ModerationLog_targetType_targetId_idx" ON "ModerationLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "RateLimiterFlexible_expire_idx" ON "RateLimiterFlexible"("expire");
