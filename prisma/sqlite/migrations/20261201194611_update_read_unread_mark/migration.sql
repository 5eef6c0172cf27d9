-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UpdateRead" (
    "userId" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unread" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("userId", "updateId"),
    CONSTRAINT "UpdateRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UpdateRead_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "Update" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UpdateRead" ("readAt", "updateId", "userId") SELECT "readAt", "updateId", "userId" FROM "UpdateRead";
DROP TABLE "UpdateRead";
ALTER TABLE "new_UpdateRead" RENAME TO "UpdateRead";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
