-- CreateTable
CREATE TABLE "SimulatorVersion" (
    "userId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SimulatorVersion_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "SimulatorVersion" ADD CONSTRAINT "SimulatorVersion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
