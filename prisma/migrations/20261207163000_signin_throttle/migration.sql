-- Sign-in throttling (accounts/signin-throttle.ts) counts recent auth.login rows per username and per client address
-- CreateIndex
CREATE INDEX "audit_event_action_actorName_at_idx" ON "audit_event"("action", "actorName", "at");

-- CreateIndex
CREATE INDEX "audit_event_action_ip_at_idx" ON "audit_event"("action", "ip", "at");
