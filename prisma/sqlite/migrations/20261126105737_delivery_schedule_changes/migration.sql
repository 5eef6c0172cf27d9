-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "cadenceSince" DATETIME;
ALTER TABLE "Subscription" ADD COLUMN "scheduleChangedAt" DATETIME;
