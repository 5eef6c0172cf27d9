-- AlterTable
ALTER TABLE "UpdateRead" ADD COLUMN     "unread" BOOLEAN NOT NULL DEFAULT false;
