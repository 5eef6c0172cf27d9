-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "updateId" TEXT,
    "periodStart" DATETIME,
    "periodEnd" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "dueAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "leasedBy" TEXT,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Delivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "Subscription" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LeaveReasonCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "email" TEXT,
    "topicId" TEXT,
    "groupId" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'web',
    "status" TEXT NOT NULL DEFAULT 'active',
    "since" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leftAt" DATETIME,
    "readUpTo" DATETIME,
    "partnerNews" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailSince" DATETIME,
    "confirmNonce" TEXT,
    "confirmSentAt" DATETIME,
    "kinds" TEXT NOT NULL DEFAULT 'news,event,call',
    "cadence" TEXT NOT NULL DEFAULT 'instant',
    "weekday" INTEGER NOT NULL DEFAULT 1,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
    "quietStart" INTEGER DEFAULT 1320,
    "quietEnd" INTEGER DEFAULT 420,
    "pausedUntil" DATETIME,
    "mailLocale" TEXT NOT NULL DEFAULT 'de',
    "bouncedAt" DATETIME,
    "bounceReason" TEXT,
    "leaveReasonAt" DATETIME,
    CONSTRAINT "Subscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "PartnerGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Subscription" ("channel", "createdAt", "groupId", "id", "leftAt", "partnerNews", "readUpTo", "since", "status", "topicId", "userId") SELECT "channel", "createdAt", "groupId", "id", "leftAt", "partnerNews", "readUpTo", "since", "status", "topicId", "userId" FROM "Subscription";
DROP TABLE "Subscription";
ALTER TABLE "new_Subscription" RENAME TO "Subscription";
CREATE INDEX "Subscription_channel_status_cadence_idx" ON "Subscription"("channel", "status", "cadence");
CREATE INDEX "Subscription_topicId_status_idx" ON "Subscription"("topicId", "status");
CREATE INDEX "Subscription_groupId_status_idx" ON "Subscription"("groupId", "status");
CREATE INDEX "Subscription_userId_status_idx" ON "Subscription"("userId", "status");
CREATE UNIQUE INDEX "Subscription_userId_topicId_key" ON "Subscription"("userId", "topicId");
CREATE UNIQUE INDEX "Subscription_userId_groupId_key" ON "Subscription"("userId", "groupId");
CREATE UNIQUE INDEX "Subscription_email_topicId_key" ON "Subscription"("email", "topicId");
CREATE UNIQUE INDEX "Subscription_email_groupId_key" ON "Subscription"("email", "groupId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Delivery_status_dueAt_idx" ON "Delivery"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_subscriptionId_key_key" ON "Delivery"("subscriptionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "LeaveReasonCount_scope_reason_month_key" ON "LeaveReasonCount"("scope", "reason", "month");
