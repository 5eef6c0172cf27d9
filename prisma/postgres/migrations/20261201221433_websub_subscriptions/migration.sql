-- CreateTable
CREATE TABLE "WebSubSubscription" (
    "id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "callback" TEXT NOT NULL,
    "secret" TEXT,
    "leaseSeconds" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "sentVersion" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebSubSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebSubSubscription_expiresAt_idx" ON "WebSubSubscription"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebSubSubscription_topic_callback_key" ON "WebSubSubscription"("topic", "callback");
