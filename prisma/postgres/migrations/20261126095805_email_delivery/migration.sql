-- CreateEnum
CREATE TYPE "Cadence" AS ENUM ('instant', 'daily', 'weekly');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'skipped', 'failed');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ConsentAction" ADD VALUE 'request';
ALTER TYPE "ConsentAction" ADD VALUE 'confirm';
ALTER TYPE "ConsentAction" ADD VALUE 'delivery';

-- AlterEnum
ALTER TYPE "SubscriptionStatus" ADD VALUE 'pending';

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "bounceReason" TEXT,
ADD COLUMN     "bouncedAt" TIMESTAMP(3),
ADD COLUMN     "cadence" "Cadence" NOT NULL DEFAULT 'instant',
ADD COLUMN     "confirmNonce" TEXT,
ADD COLUMN     "confirmSentAt" TIMESTAMP(3),
ADD COLUMN     "email" TEXT,
ADD COLUMN     "emailSince" TIMESTAMP(3),
ADD COLUMN     "kinds" TEXT NOT NULL DEFAULT 'news,event,call',
ADD COLUMN     "leaveReasonAt" TIMESTAMP(3),
ADD COLUMN     "mailLocale" "Language" NOT NULL DEFAULT 'de',
ADD COLUMN     "pausedUntil" TIMESTAMP(3),
ADD COLUMN     "quietEnd" INTEGER DEFAULT 420,
ADD COLUMN     "quietStart" INTEGER DEFAULT 1320,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
ADD COLUMN     "weekday" INTEGER NOT NULL DEFAULT 1,
ALTER COLUMN "userId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "updateId" TEXT,
    "periodStart" TIMESTAMP(3),
    "periodEnd" TIMESTAMP(3),
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "leasedBy" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaveReasonCount" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LeaveReasonCount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Delivery_status_dueAt_idx" ON "Delivery"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_subscriptionId_key_key" ON "Delivery"("subscriptionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "LeaveReasonCount_scope_reason_month_key" ON "LeaveReasonCount"("scope", "reason", "month");

-- CreateIndex
CREATE INDEX "Subscription_channel_status_cadence_idx" ON "Subscription"("channel", "status", "cadence");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_email_topicId_key" ON "Subscription"("email", "topicId");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_email_groupId_key" ON "Subscription"("email", "groupId");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

