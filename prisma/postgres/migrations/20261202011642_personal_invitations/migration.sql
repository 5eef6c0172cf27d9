-- AlterTable
ALTER TABLE "ShareRef" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "followedAt" TIMESTAMP(3),
ADD COLUMN     "note" TEXT,
ADD COLUMN     "openedAt" TIMESTAMP(3),
ADD COLUMN     "personal" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "ShareRef_topicId_personal_archivedAt_idx" ON "ShareRef"("topicId", "personal", "archivedAt");

