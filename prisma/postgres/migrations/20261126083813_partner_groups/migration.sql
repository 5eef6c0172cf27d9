-- CreateEnum
CREATE TYPE "GroupStatus" AS ENUM ('active', 'archived');

-- CreateEnum
CREATE TYPE "MembershipStatus" AS ENUM ('active', 'left', 'removed');

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('pending', 'accepted', 'declined', 'withdrawn');

-- AlterEnum
ALTER TYPE "ConsentAction" ADD VALUE 'preferences';

-- AlterTable
ALTER TABLE "ConsentEvent" ADD COLUMN     "detail" TEXT,
ADD COLUMN     "groupId" TEXT,
ALTER COLUMN "topicId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "groupId" TEXT,
ADD COLUMN     "partnerNews" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "topicId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "PartnerGroup" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "concern" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "language" "Language" NOT NULL DEFAULT 'de',
    "status" "GroupStatus" NOT NULL DEFAULT 'active',
    "adminTopicId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "PartnerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "status" "MembershipStatus" NOT NULL DEFAULT 'active',
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "invitationId" TEXT,

    CONSTRAINT "GroupMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupInvitation" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "respondedAt" TIMESTAMP(3),

    CONSTRAINT "GroupInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_PartnerGroupToTag" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_PartnerGroupToTag_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "PartnerGroup_slug_key" ON "PartnerGroup"("slug");

-- CreateIndex
CREATE INDEX "PartnerGroup_status_createdAt_idx" ON "PartnerGroup"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "GroupMembership_invitationId_key" ON "GroupMembership"("invitationId");

-- CreateIndex
CREATE INDEX "GroupMembership_topicId_status_idx" ON "GroupMembership"("topicId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "GroupMembership_groupId_topicId_key" ON "GroupMembership"("groupId", "topicId");

-- CreateIndex
CREATE INDEX "GroupInvitation_topicId_status_idx" ON "GroupInvitation"("topicId", "status");

-- CreateIndex
CREATE INDEX "GroupInvitation_groupId_status_createdAt_idx" ON "GroupInvitation"("groupId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "_PartnerGroupToTag_B_index" ON "_PartnerGroupToTag"("B");

-- CreateIndex
CREATE INDEX "ConsentEvent_groupId_action_createdAt_idx" ON "ConsentEvent"("groupId", "action", "createdAt");

-- CreateIndex
CREATE INDEX "Subscription_groupId_status_idx" ON "Subscription"("groupId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_userId_groupId_key" ON "Subscription"("userId", "groupId");

-- AddForeignKey
ALTER TABLE "PartnerGroup" ADD CONSTRAINT "PartnerGroup_adminTopicId_fkey" FOREIGN KEY ("adminTopicId") REFERENCES "Topic"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "GroupInvitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PartnerGroupToTag" ADD CONSTRAINT "_PartnerGroupToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "PartnerGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PartnerGroupToTag" ADD CONSTRAINT "_PartnerGroupToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

