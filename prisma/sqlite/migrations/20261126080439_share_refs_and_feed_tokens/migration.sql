-- CreateTable
CREATE TABLE "ShareRef" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "topicId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" DATETIME,
    CONSTRAINT "ShareRef_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShareRefDay" (
    "refId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "follows" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("refId", "day"),
    CONSTRAINT "ShareRefDay_refId_fkey" FOREIGN KEY ("refId") REFERENCES "ShareRef" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReaderFeedToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReaderFeedToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ShareRef_code_key" ON "ShareRef"("code");

-- CreateIndex
CREATE INDEX "ShareRef_topicId_createdAt_idx" ON "ShareRef"("topicId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReaderFeedToken_userId_key" ON "ReaderFeedToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ReaderFeedToken_tokenHash_key" ON "ReaderFeedToken"("tokenHash");
