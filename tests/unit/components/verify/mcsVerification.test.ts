import { parseMcsAnswer } from "../../../../components/verify/mcsVerification";

it("reads the multi-cluster-services answer and names what is missing", () => {
  expect(parseMcsAnswer({ url: "http://x", answered: 5, requests: 5, sample: "a" }, "scripts/ackone/mcs-probe.sh")).toEqual({
    url: "http://x",
    answered: 5,
    requests: 5,
    sample: "a",
  });
  expect(() => parseMcsAnswer({ url: "http://x", requests: 5, sample: "a" }, "scripts/ackone/mcs-probe.sh")).toThrow(
    "scripts/ackone/mcs-probe.sh printed no valid answer (missing or mistyped: answered)",
  );
});
