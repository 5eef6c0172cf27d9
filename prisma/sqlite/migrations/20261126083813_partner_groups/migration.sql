-- CreateTable
CREATE TABLE "PartnerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "concern" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'de',
    "status" TEXT NOT NULL DEFAULT 'active',
    "adminTopicId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME,
    CONSTRAINT "PartnerGroup_adminTopicId_fkey" FOREIGN KEY ("adminTopicId") REFERENCES "Topic" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "invitationId" TEXT,
    CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupMembership_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupMembership_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "GroupInvitation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "respondedAt" DATETIME,
    CONSTRAINT "GroupInvitation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupInvitation_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupInvitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_PartnerGroupToTag" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_PartnerGroupToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "PartnerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_PartnerGroupToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ConsentEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "topicId" TEXT,
    "groupId" TEXT,
    "action" TEXT NOT NULL,
    "detail" TEXT,
    "source" TEXT NOT NULL,
    "ref" TEXT,
    "consentVersion" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsentEvent_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsentEvent_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsentEvent_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ConsentEvent" ("action", "consentVersion", "createdAt", "id", "ref", "source", "subscriptionId", "topicId") SELECT "action", "consentVersion", "createdAt", "id", "ref", "source", "subscriptionId", "topicId" FROM "ConsentEvent";
DROP TABLE "ConsentEvent";
ALTER TABLE "new_ConsentEvent" RENAME TO "ConsentEvent";
CREATE INDEX "ConsentEvent_subscriptionId_createdAt_idx" ON "ConsentEvent"("subscriptionId", "createdAt");
CREATE INDEX "ConsentEvent_topicId_action_createdAt_idx" ON "ConsentEvent"("topicId", "action", "createdAt");
CREATE INDEX "ConsentEvent_groupId_action_createdAt_idx" ON "ConsentEvent"("groupId", "action", "createdAt");
CREATE TABLE "new_Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "topicId" TEXT,
    "groupId" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'web',
    "status" TEXT NOT NULL DEFAULT 'active',
    "since" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leftAt" DATETIME,
    "readUpTo" DATETIME,
    "partnerNews" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Subscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Subscription" ("channel", "createdAt", "id", "leftAt", "readUpTo", "since", "status", "topicId", "userId") SELECT "channel", "createdAt", "id", "leftAt", "readUpTo", "since", "status", "topicId", "userId" FROM "Subscription";
DROP TABLE "Subscription";
ALTER TABLE "new_Subscription" RENAME TO "Subscription";
CREATE INDEX "Subscription_topicId_status_idx" ON "Subscription"("topicId", "status");
CREATE INDEX "Subscription_groupId_status_idx" ON "Subscription"("groupId", "status");
CREATE INDEX "Subscription_userId_status_idx" ON "Subscription"("userId", "status");
CREATE UNIQUE INDEX "Subscription_userId_topicId_key" ON "Subscription"("userId", "topicId");
CREATE UNIQUE INDEX "Subscription_userId_groupId_key" ON "Subscription"("userId", "groupId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
CREATE UNIQUE INDEX "_PartnerGroupToTag_AB_unique" ON "_PartnerGroupToTag"("A", "B");

-- CreateIndex
CREATE INDEX "_PartnerGroupToTag_B_index" ON "_PartnerGroupToTag"("B");
