-- Tags keep what their publisher typed ("Bäume"); `slug` stays the folded key they match on.
-- Tags made before this migration had only the key: it becomes their label.
-- AlterTable
ALTER TABLE "Tag" ADD COLUMN "label" TEXT;
UPDATE "Tag" SET "label" = "slug";
ALTER TABLE "Tag" ALTER COLUMN "label" SET NOT NULL;
