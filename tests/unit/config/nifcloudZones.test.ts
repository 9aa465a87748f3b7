import { nifcloudZoneProblem, regionOfZone } from "../../../config/nifcloudZones";

describe("NIFCLOUD zones", () => {
  it.each([
    ["east-11", "jp-east-1"],
    ["east-14", "jp-east-1"],
    ["east-31", "jp-east-3"],
    ["west-12", "jp-west-1"],
    ["jp-west-21", "jp-west-2"],
    ["east-21", "jp-east-2"],
    ["east-41", "jp-east-4"],
  ])("%s belongs to %s", (zone, region) => {
    expect(regionOfZone(zone)).toBe(region);
    expect(nifcloudZoneProblem(region, zone)).toBeUndefined();
  });

  it("refuses a zone of another region with the region's own zones", () => {
    expect(nifcloudZoneProblem("jp-east-1", "west-11")).toEqual({
      why: "is a zone of jp-west-1, not of peer.region jp-east-1",
      fix: "use one of east-11, east-12, east-13, east-14",
    });
    expect(nifcloudZoneProblem("jp-west-2", "west-21")).toEqual({ why: "is not a zone of peer.region jp-west-2", fix: "use one of jp-west-21" });
    expect(nifcloudZoneProblem("jp-east-1", "east-15")).toEqual({
      why: "is not a zone of peer.region jp-east-1",
      fix: "use one of east-11, east-12, east-13, east-14",
    });
    expect(nifcloudZoneProblem("jp-east-2", "east-11")).toEqual({
      why: "is a zone of jp-east-1, not of peer.region jp-east-2",
      fix: "use a zone of jp-east-2",
    });
  });
});
