-- CreateTable
CREATE TABLE "ShareRef" (
    "id" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "ShareRef_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareRefDay" (
    "refId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "follows" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ShareRefDay_pkey" PRIMARY KEY ("refId","day")
);

-- CreateTable
CREATE TABLE "ReaderFeedToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReaderFeedToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShareRef_code_key" ON "ShareRef"("code");

-- CreateIndex
CREATE INDEX "ShareRef_topicId_createdAt_idx" ON "ShareRef"("topicId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReaderFeedToken_userId_key" ON "ReaderFeedToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ReaderFeedToken_tokenHash_key" ON "ReaderFeedToken"("tokenHash");

-- AddForeignKey
ALTER TABLE "ShareRef" ADD CONSTRAINT "ShareRef_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareRefDay" ADD CONSTRAINT "ShareRefDay_refId_fkey" FOREIGN KEY ("refId") REFERENCES "ShareRef"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReaderFeedToken" ADD CONSTRAINT "ReaderFeedToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
