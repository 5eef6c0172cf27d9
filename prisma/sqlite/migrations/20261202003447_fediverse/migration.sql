-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "remoteActor" TEXT;
ALTER TABLE "Subscription" ADD COLUMN "remoteInbox" TEXT;
ALTER TABLE "Subscription" ADD COLUMN "remoteSharedInbox" TEXT;

-- AlterTable
ALTER TABLE "Update" ADD COLUMN "apDeletedAt" DATETIME;
ALTER TABLE "Update" ADD COLUMN "apVersion" DATETIME;

-- CreateTable
CREATE TABLE "FediverseKey" (
    "actor" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateJwk" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("actor", "algorithm")
);

-- CreateTable
CREATE TABLE "FediverseKv" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "expiresAt" DATETIME
);

-- CreateTable
CREATE TABLE "FediverseTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "message" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "FediverseKv_expiresAt_idx" ON "FediverseKv"("expiresAt");

-- CreateIndex
CREATE INDEX "FediverseTask_dueAt_idx" ON "FediverseTask"("dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_remoteActor_topicId_key" ON "Subscription"("remoteActor", "topicId");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_remoteActor_groupId_key" ON "Subscription"("remoteActor", "groupId");

