-- AlterTable
ALTER TABLE "Update" ADD COLUMN     "timeZone" TEXT;

