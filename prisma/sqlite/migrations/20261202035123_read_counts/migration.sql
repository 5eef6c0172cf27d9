-- CreateTable
CREATE TABLE "ReadCount" (
    "topicId" TEXT NOT NULL,
    "updateId" TEXT NOT NULL DEFAULT '',
    "channel" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("topicId", "updateId", "channel", "day", "hour"),
    CONSTRAINT "ReadCount_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReadCount_topicId_day_idx" ON "ReadCount"("topicId", "day");

-- CreateIndex
CREATE INDEX "ReadCount_day_idx" ON "ReadCount"("day");

