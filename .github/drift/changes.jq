# The changes a `pulumi preview --refresh --json` proposes (pulumi/pulumi pkg/display/json.go:
# previewDigest.steps[].{op, urn, diffReasons, detailedDiff}), one line each:
# "<op> <urn> <changed inputs>". Names only, never values.
#
# Drift checks run with read-only credentials, so every input that carries the deployment's
# credentials differs from the state without the cloud having changed: an update whose changed
# inputs are all such inputs is left out. Any other update, and every create, delete or replace,
# is kept; an update that names no inputs is kept too (nothing shows it is a credential).

# Inputs that hold credentials: the command scripts' API keys and kubeconfigs
# (components/vpn/nifcloudVpnEnd.ts, components/ackone/alibabaCredentials.ts, KUBECONFIG_DATA),
# the Alibaba provider's keys and a Kubernetes provider's kubeconfig.
def credential:
  test("^(environment\\.(NIFCLOUD_ACCESS_KEY_ID|NIFCLOUD_SECRET_ACCESS_KEY|ALIBABA_CLOUD_ACCESS_KEY_ID|ALIBABA_CLOUD_ACCESS_KEY_SECRET|KUBECONFIG_DATA|PROBE_KUBECONFIGS)|accessKey|secretKey|kubeconfig)$");

def changed_inputs:
  ((.detailedDiff // {}) | keys) as $detailed
  | if ($detailed | length) > 0 then $detailed else (.diffReasons // []) end;

(.steps // [])[]
| select(.op != "same" and .op != "read" and .op != "refresh")
| changed_inputs as $inputs
| select(.op != "update" or ($inputs | length) == 0 or ($inputs | all(credential) | not))
| "\(.op) \(.urn) \($inputs | join(","))"
