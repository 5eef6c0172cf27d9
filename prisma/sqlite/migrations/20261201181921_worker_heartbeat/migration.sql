-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastPassAt" DATETIME NOT NULL,
    "lastPassMs" INTEGER NOT NULL,
    "passes" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "WorkerHeartbeat_lastPassAt_idx" ON "WorkerHeartbeat"("lastPassAt");
