-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'fediverse';

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "remoteActor" TEXT,
ADD COLUMN     "remoteInbox" TEXT,
ADD COLUMN     "remoteSharedInbox" TEXT;

-- AlterTable
ALTER TABLE "Update" ADD COLUMN     "apDeletedAt" TIMESTAMP(3),
ADD COLUMN     "apVersion" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FediverseKey" (
    "actor" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateJwk" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FediverseKey_pkey" PRIMARY KEY ("actor","algorithm")
);

-- CreateTable
CREATE TABLE "FediverseKv" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "FediverseKv_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "FediverseTask" (
    "id" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FediverseTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FediverseKv_expiresAt_idx" ON "FediverseKv"("expiresAt");

-- CreateIndex
CREATE INDEX "FediverseTask_dueAt_idx" ON "FediverseTask"("dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_remoteActor_topicId_key" ON "Subscription"("remoteActor", "topicId");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_remoteActor_groupId_key" ON "Subscription"("remoteActor", "groupId");

