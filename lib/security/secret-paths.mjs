// Paths whose next segment is a secret (a leave, confirm or settings token, the private feed's
// token, a personal invitation's code). Logs write them as "/leave/{token}" (lib/log.mjs), and so does nginx's access log
// (deploy/nginx/herzensthema-http.conf; scripts/deploy.test.ts checks that both agree). Plain
// JavaScript: scripts/server.mjs loads the logger outside Next.js.
export const SECRET_PATH_PREFIXES = ["leave", "email/confirm", "email/preferences", "api/feeds/me", "i"];
