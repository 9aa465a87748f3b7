import { parseMcsAnswer } from "../../../../components/verify/mcsVerification";
import { scriptPath } from "../../../../lib/scriptCommandLine";

const SCRIPT = scriptPath("ackone/mcs-probe.sh");

it("reads the multi-cluster-services answer and names what is missing", () => {
  expect(parseMcsAnswer({ url: "http://x", answered: 5, requests: 5, sample: "a" }, SCRIPT)).toEqual({
    url: "http://x",
    answered: 5,
    requests: 5,
    sample: "a",
  });
  expect(() => parseMcsAnswer({ url: "http://x", requests: 5, sample: "a" }, SCRIPT)).toThrow(
    `${SCRIPT} printed no valid answer (missing or mistyped: answered)`,
  );
});
