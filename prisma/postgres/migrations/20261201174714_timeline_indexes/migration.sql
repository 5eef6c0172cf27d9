-- DropIndex
DROP INDEX "Update_topicId_publishedAt_idx";

-- CreateIndex
CREATE INDEX "Update_topicId_publishedAt_id_idx" ON "Update"("topicId", "publishedAt", "id");

-- CreateIndex
CREATE INDEX "Update_publishedAt_id_idx" ON "Update"("publishedAt", "id");
