-- CreateTable
CREATE TABLE "RefusalTally" (
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,
    "audited" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RefusalTally_pkey" PRIMARY KEY ("windowStart","action","reason","ip")
);
