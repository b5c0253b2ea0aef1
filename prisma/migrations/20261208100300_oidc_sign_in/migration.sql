-- AlterTable
ALTER TABLE "app_user" ADD COLUMN "externalId" TEXT;

-- CreateTable
CREATE TABLE "oidc_sign_in" (
    "id" UUID NOT NULL,
    "stateHash" TEXT,
    "browserHash" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "userId" UUID,
    "ticketHash" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oidc_sign_in_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_externalId_key" ON "app_user"("externalId");

-- CreateIndex
CREATE UNIQUE INDEX "oidc_sign_in_stateHash_key" ON "oidc_sign_in"("stateHash");

-- CreateIndex
CREATE UNIQUE INDEX "oidc_sign_in_ticketHash_key" ON "oidc_sign_in"("ticketHash");

-- CreateIndex
CREATE INDEX "oidc_sign_in_expiresAt_idx" ON "oidc_sign_in"("expiresAt");
