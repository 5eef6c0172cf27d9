-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "cadenceSince" TIMESTAMP(3),
ADD COLUMN     "scheduleChangedAt" TIMESTAMP(3);
