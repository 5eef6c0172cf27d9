-- CreateTable
CREATE TABLE "WebSubSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "topic" TEXT NOT NULL,
    "callback" TEXT NOT NULL,
    "secret" TEXT,
    "leaseSeconds" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "sentVersion" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WebSubSubscription_expiresAt_idx" ON "WebSubSubscription"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebSubSubscription_topic_callback_key" ON "WebSubSubscription"("topic", "callback");
