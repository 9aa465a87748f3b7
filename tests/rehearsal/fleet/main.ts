/**
 * The fleet process: `node -r tests/rehearsal/lib/register.js tests/rehearsal/fleet/main.ts`
 * with REHEARSAL_HOME set. It writes its pid to `$REHEARSAL_HOME/fleet/pid`, `ready` to
 * `$REHEARSAL_HOME/fleet/ready` once its first pass over the world has ended, and stops on
 * SIGTERM or SIGINT. FLEET_NAMESPACE_SYNC=false turns Karmada's namespace sync off.
 */
import * as fs from "fs";
import * as path from "path";
import { FleetController } from "./controller";

const home = process.env.REHEARSAL_HOME;
if (!home) {
  process.stderr.write("fleet: REHEARSAL_HOME is not set\n");
  process.exit(2);
}
const dir = path.join(home, "fleet");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "pid"), String(process.pid));
fs.rmSync(path.join(dir, "ready"), { force: true });

const controller = new FleetController(home, {
  namespaceSync: process.env.FLEET_NAMESPACE_SYNC !== "false",
  pollMillis: Number(process.env.FLEET_POLL_MILLIS ?? "500"),
});
controller.start(() => fs.writeFileSync(path.join(dir, "ready"), "ready\n"));

const stop = () => {
  void controller.stop().then(() => {
    fs.rmSync(path.join(dir, "pid"), { force: true });
    process.exit(0);
  });
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
