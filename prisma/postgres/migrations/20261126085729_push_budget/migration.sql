-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "pushBudget" INTEGER NOT NULL DEFAULT 3;
