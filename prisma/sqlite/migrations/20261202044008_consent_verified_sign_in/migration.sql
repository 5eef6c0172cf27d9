-- AlterTable (a plain ADD COLUMN: the consent ledger is not copied)
ALTER TABLE "ConsentEvent" ADD COLUMN "verifiedSignIn" BOOLEAN NOT NULL DEFAULT false;

-- Confirmations recorded before this column existed said so only in their detail text.
UPDATE "ConsentEvent" SET "verifiedSignIn" = true WHERE "action" = 'confirm' AND "detail" = 'verified sign-in address';
