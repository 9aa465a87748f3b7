import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { alibabaObjects, seedAlibaba } from "../../../../rehearsal/world/alibaba";

describe("the Alibaba account as the after-destroy comparison sees it", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "alibaba-world-"));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it("lists the account's objects, not those the API no longer lists, not the stand-ins' bookkeeping, not read counters", () => {
    const dir = seedAlibaba(home, { ram_roles: { AliyunCSDefaultRole: { service_linked: false } } });
    const file = path.join(dir, "state.json");
    const state = JSON.parse(fs.readFileSync(file, "utf8"));
    state.clusters = { c1: { state: "gone", reads: 3 }, c2: { state: "running", reads: 1, ready_at: 5 }, c3: { state: "deleted" } };
    state.address_pool = { next: 4 };
    state.fail_next = { "cs DescribeClusterDetail": [] };
    fs.writeFileSync(file, JSON.stringify(state));
    expect(alibabaObjects(home)).toEqual([
      { key: "clusters c2", content: '{"state":"running"}' },
      { key: "ram_roles AliyunCSDefaultRole", content: '{"service_linked":false}' },
    ]);
  });
});
