-- AlterTable
ALTER TABLE "Update" ADD COLUMN "deletedAt" DATETIME;
