-- AlterTable
ALTER TABLE "Update" ADD COLUMN     "deletedAt" TIMESTAMP(3);
