#!/usr/bin/env python3
"""asmcli for the rehearsal: what `asmcli install` of Cloud Service Mesh 1.29 does to a cluster, acted out on
the run's local API servers through the real kubectl. Source: GoogleCloudPlatform/anthos-service-mesh-packages
staging-1.29 (761d08ab) asmcli/ (parse.sh, validate.sh, commands/install.sh, commands/validate.sh,
installation_dependencies.sh, util.sh); the objects come from tests/fakes/mesh/istio_model.py.

What it does with its flags, in asmcli's order:
  parse_args / validate_args: refuses an unknown option or a missing required one (exit 2, with the usage);
  download_asm: <output_dir>/istio-<release>/bin/istioctl (this directory's istioctl for that release) and the
    symlink <output_dir>/istioctl, which fails on a re-run in the same directory (`ln`), and .asm_version;
    with --offline nothing is downloaded: the output directory must exist, and without the release's istioctl
    and the kpt package (what `build-offline-package` leaves there) asmcli warns and the install fails;
  --enable_registration (or --enable_all): registers the cluster in the fleet (the Membership CRD and object
    asmcli's checks read, a fleet membership in $REHEARSAL_HOME/clouds/mesh/fleet.json);
  --enable_cluster_labels: the label mesh_id=proj-<fleet project number> on the GKE cluster or the membership;
  --enable_cluster_roles: ClusterRoleBinding <account>-cluster-admin-binding for the gcloud account;
  --enable_namespace_creation: the istio-system namespace; without it a missing namespace is an error;
  install: topology.istio.io/network on istio-system unless set, then `istioctl install` of the base and the
    revision's control plane (istiod-<revision> with the cluster name asmcli gives it, its webhook pointing at the
    rehearsal's injector) and a wait until istiod is ready.
`build-offline-package --output_dir D` (commands/build-offline-package.sh): download_asm unless the release's
files are in D, and the kpt package (D/asm/istio/istio-operator.yaml, .asm_settings).
The version is the build's (`--version`, and the release it installs): REHEARSAL_ASM_VERSION, which each build
releases.py publishes sets, else 1.29.0-asm.1+config1.
GCP-side effects (APIs, IAM) are logged as operations, nothing more.
"""
import base64
import hashlib
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kube  # noqa: E402
import releases  # noqa: E402
from kube import istio  # noqa: E402

BY = "standin:asmcli"
HERE = os.path.dirname(os.path.abspath(__file__))

# asmcli lib/parse.sh parse_args: option -> (context key, takes a value).
OPTIONS = {}
for names, key, value in [
    ("-l --cluster_location --cluster-location", "CLUSTER_LOCATION", True),
    ("-n --cluster_name --cluster-name", "CLUSTER_NAME", True),
    ("--kc --kubeconfig", "KUBECONFIG", True),
    ("--ctx --context", "CONTEXT", True),
    ("-p --project_id --project-id", "PROJECT_ID", True),
    ("-m --mode", "MODE", True),
    ("--fleet_id --fleet-id", "FLEET_ID", True),
    ("--network_id --network-id", "NETWORK_ID", True),
    ("-c --ca", "CA", True),
    ("--ca_pool --ca-pool", "CA_NAME", True),
    ("-o --option", "OPTION", True),
    ("--co --custom_overlay --custom-overlay", "CUSTOM_OVERLAY", True),
    ("-e --enable_all --enable-all", "ENABLE_ALL", False),
    ("--use_fleet_api --use-fleet-api", "EXPLICIT_FLEET_API", False),
    ("--enable_cluster_roles --enable-cluster-roles", "ENABLE_CLUSTER_ROLES", False),
    ("--enable_cluster_labels --enable-cluster-labels", "ENABLE_CLUSTER_LABELS", False),
    ("--enable_gcp_apis --enable-gcp-apis", "ENABLE_GCP_APIS", False),
    ("--enable_gcp_iam_roles --enable-gcp-iam-roles", "ENABLE_GCP_IAM_ROLES", False),
    ("--enable_gcp_components --enable-gcp-components", "ENABLE_GCP_COMPONENTS", False),
    ("--enable_registration --enable-registration", "ENABLE_REGISTRATION", False),
    ("--enable_namespace_creation --enable-namespace-creation", "ENABLE_NAMESPACE_CREATION", False),
    ("--enable_meshconfig_init --enable-meshconfig-init", "ENABLE_MESHCONFIG_INIT", False),
    ("--managed", "MANAGED", False),
    ("--legacy", "LEGACY", False),
    ("--use_vpcsc --use-vpcsc", "USE_VPCSC", False),
    ("--use_managed_cni --use-managed-cni", "USE_MANAGED_CNI", False),
    ("--disable_canonical_service --disable-canonical-service", "DISABLE_CANONICAL_SERVICE", False),
    ("-s --service_account --service-account", "SERVICE_ACCOUNT", True),
    ("-k --key_file --key-file", "KEY_FILE", True),
    ("-D --output_dir --output-dir --working_dir --working-dir", "OUTPUT_DIR", True),
    ("--dry_run --dry-run", "DRY_RUN", False),
    ("--only_validate --only-validate", "ONLY_VALIDATE", False),
    ("--only_enable --only-enable", "ONLY_ENABLE", False),
    ("--ca_cert --ca-cert", "CA_CERT", True),
    ("--ca_key --ca-key", "CA_KEY", True),
    ("--root_cert --root-cert", "CA_ROOT", True),
    ("--cert_chain --cert-chain", "CA_CHAIN", True),
    ("-r --revision_name --revision-name", "REVISION_LABEL", True),
    ("--platform", "PLATFORM", True),
    ("--channel", "CHANNEL", True),
    ("--offline", "OFFLINE", False),
    ("--managed_certificates", "MANAGED_CERTIFICATES", False),
    ("-v --verbose", "VERBOSE", False),
    ("-h --help", "PRINT_HELP", False),
    ("--version", "PRINT_VERSION", False),
    ("--disable_ui", "DISABLE_UI", False),
]:
    for name in names.split():
        OPTIONS[name] = (key, value)

USAGE_SHORT = """asmcli {version}
usage: asmcli [SUBCOMMAND] [OPTION]...
Set up, validate, and install ASM in a Google Cloud environment.
Use -h|--help with -v|--verbose to show detailed descriptions.
SUBCOMMANDS:
  install
  validate
  print-config
  create-mesh
  build-offline-package"""


DEFAULT_VERSION = "1.29.0-asm.1+config1"


def version():
    """asmcli version_message: <major>.<minor>.<point>-asm.<rev>+config<n>, fixed in each build (asmcli.sh MAJOR,
    MINOR, POINT, REV, CONFIG_VER): REHEARSAL_ASM_VERSION (releases.py builds set it), else DEFAULT_VERSION."""
    return os.environ.get("REHEARSAL_ASM_VERSION") or DEFAULT_VERSION


def info(message):
    sys.stderr.write(f"asmcli: {message}\n")


def fatal(message, usage=False):
    """asmcli lib/log.sh fatal / fatal_with_usage: exit 2."""
    info(f"[ERROR]: {message}")
    if usage:
        sys.stderr.write(USAGE_SHORT.format(version=version()) + "\n")
    sys.exit(2)


def parse(argv):
    options = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg not in OPTIONS:
            fatal(f"Unknown option {arg}", usage=True)
        key, takes = OPTIONS[arg]
        if takes:
            if i + 1 >= len(argv) or argv[i + 1].startswith("-"):
                fatal(f"Option {arg} requires an argument.")  # lib/validate.sh arg_required
            options[key] = argv[i + 1].lower() if key in ("CA", "PLATFORM") else argv[i + 1]
            i += 2
        else:
            options[key] = 1
            i += 1
    return options


def enabled(options, key):
    return bool(options.get("ENABLE_ALL") or options.get(key))


def validate_args(options):
    """asmcli lib/validate.sh validate_args (the parts that concern an in-cluster control plane)."""
    options.setdefault("CA", "mesh_ca")
    if "REVISION_LABEL" in options and not re.fullmatch(r"[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?", options["REVISION_LABEL"]):
        fatal("Revision label does not follow RFC 1123 formatting convention.")
    options.setdefault("PLATFORM", "gcp")
    if options["PLATFORM"] not in ("gcp", "multicloud"):
        fatal("PLATFORM must be one of 'gcp', 'multicloud'")
    missing = False
    details = [options.get(k) for k in ("PROJECT_ID", "CLUSTER_LOCATION", "CLUSTER_NAME")]
    if any(details) and "KUBECONFIG" in options:
        fatal("Incompatible arguments. Kubeconfig cannot be used in conjunction with [--cluster_location|--cluster_name|--project_id].", usage=True)
    if any(details) and not all(details):
        missing = True
        info("[WARNING]: Missing one or more required options for [CLUSTER_LOCATION|CLUSTER_NAME|PROJECT_ID]")
    if not any(details) and "KUBECONFIG" not in options:
        missing = True
        info("[WARNING]: At least one of the following is required: 1) --kubeconfig or 2) --cluster_location, --cluster_name, --project_id")
    if options["PLATFORM"] == "gcp":
        options.setdefault("FLEET_ID", options.get("PROJECT_ID"))
    elif options.get("FLEET_ID"):
        options["PROJECT_ID"] = options["FLEET_ID"]
    if enabled(options, "ENABLE_REGISTRATION") and not options.get("FLEET_ID"):
        missing = True
        info("[WARNING]: Missing FLEET_ID to register the cluster.")
    if options["CA"] not in ("citadel", "mesh_ca", "gcp_cas", "managed_cas"):
        fatal("CA must be one of 'citadel', 'mesh_ca', 'gcp_cas', 'managed_cas'")
    if options.get("MANAGED"):
        fatal("the rehearsal's asmcli installs an in-cluster control plane only (--managed is not modelled)")
    if missing:
        fatal("Missing one or more required options.", usage=True)


def cluster_kubeconfig(options):
    """--kubeconfig as given; on GKE asmcli fetches credentials with gcloud (configure_kubectl), which the
    rehearsal stands in for with $KUBECONFIG, else the world's `gke` cluster."""
    if options.get("KUBECONFIG"):
        return os.path.abspath(options["KUBECONFIG"])
    if os.environ.get("KUBECONFIG"):
        return os.environ["KUBECONFIG"]
    return kube.role_kubeconfig("gke")


def download_asm(options, release):
    """asmcli lib/util.sh download_asm: the release's istioctl, `ln -s istio-<release>/bin/istioctl .`."""
    out = options.get("OUTPUT_DIR")
    if not out:
        return
    os.makedirs(out, exist_ok=True)
    bin_dir = os.path.join(out, f"istio-{release}", "bin")
    os.makedirs(bin_dir, exist_ok=True)
    istioctl = os.path.join(bin_dir, "istioctl")
    with open(istioctl, "w") as f:
        f.write(releases.istioctl_wrapper(release))
    os.chmod(istioctl, 0o755)
    link = os.path.join(out, "istioctl")
    if os.path.lexists(link):
        sys.stderr.write("ln: ./istioctl: File exists\n")
        sys.exit(1)
    os.symlink(f"istio-{release}/bin/istioctl", link)
    with open(os.path.join(out, ".asm_version"), "w") as f:
        f.write(version() + "\n")


def necessary_files_exist(out, release):
    """lib/util.sh necessary_files_exist: the release's istioctl and the kpt package's operator manifest."""
    return os.path.isfile(os.path.join(out, f"istio-{release}", "bin", "istioctl")) and \
        os.path.isfile(os.path.join(out, "asm", "istio", "istio-operator.yaml"))


def download_kpt_package(out):
    """lib/util.sh download_kpt_package: `kpt pkg get` of the asm and samples packages at the build's tag, then
    an empty .asm_settings. The stand-in writes the operator manifest asmcli's checks look for."""
    os.makedirs(os.path.join(out, "asm", "istio"), exist_ok=True)
    os.makedirs(os.path.join(out, "samples"), exist_ok=True)
    with open(os.path.join(out, "asm", "istio", "istio-operator.yaml"), "w") as f:
        f.write(f"# asm kpt package {version()} for the rehearsal\napiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n")
    open(os.path.join(out, ".asm_settings"), "w").close()


def prepare_offline(options, release):
    """lib/util.sh set_up_local_workspace and prepare_environment with --offline: nothing is downloaded; the output
    directory must exist; without the release's files asmcli warns and goes on, and its `istioctl install` (the
    output directory's istioctl) then fails."""
    out = options.get("OUTPUT_DIR")
    if not out or not os.path.isdir(out):
        fatal(f"{os.path.abspath(out or '.')} must exist for offline installation.")
    if not necessary_files_exist(out, release):
        info("[WARNING]: Critical components not found in the offline mode. Note that if the installation configuration "
             "has changed,\nkpt packages would have to be re-downloaded. Please run \"asmcli build-offline-package\"\nand "
             "pass the directory containing the required files to install ASM successfully offline.\n\nInstallation "
             "will continue, but may not succeed.")
    if not os.path.isfile(os.path.join(out, f"istio-{release}", "bin", "istioctl")):
        sys.stderr.write(f"{os.path.join(os.path.abspath(out), f'istio-{release}', 'bin', 'istioctl')}: No such file or directory\n")
        sys.exit(127)


def build_offline_package(argv):
    """commands/build-offline-package.sh: its own options (-D/--output_dir, -v, -h, --version), then the output
    directory, download_asm unless the release's files are there, and the kpt package. (asmcli's parser has no
    case for any other argument and never returns; the stand-in refuses it instead.)"""
    options = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-D", "--output_dir", "--output-dir", "--working_dir", "--working-dir"):
            if i + 1 >= len(argv) or argv[i + 1].startswith("-"):
                fatal(f"Option {arg} requires an argument.")
            options["OUTPUT_DIR"], i = argv[i + 1], i + 2
        elif arg in ("-v", "--verbose", "-h", "--help", "--version"):
            options[OPTIONS[arg][0]], i = 1, i + 1
        else:
            fatal(f"build-offline-package does not take {arg}", usage=True)
    if options.get("PRINT_VERSION"):
        print(version())
        return
    if options.get("PRINT_HELP"):
        print(USAGE_SHORT.format(version=version()))
        return
    release = istio.release_of(version())
    out = options.get("OUTPUT_DIR") or fatal("the rehearsal's asmcli needs --output_dir for build-offline-package")
    os.makedirs(out, exist_ok=True)
    if not necessary_files_exist(out, release):
        download_asm(options, release)
    download_kpt_package(out)
    info("The offline package download is now complete.")
    info(f"The version of istioctl that matches the installation can be found at:\n{os.path.abspath(out)}/istio-{release}/bin/istioctl")


def project_number(fleet_id):
    """gcloud projects describe: the rehearsal's projects get a stable 12-digit number from their id."""
    return os.environ.get("REHEARSAL_PROJECT_NUMBER") or str(int(hashlib.sha256(fleet_id.encode()).hexdigest(), 16))[:12]


def fleet_change(change):
    kube.change_json(kube.mesh_dir("fleet.json"), lambda: {"memberships": {}, "clusterLabels": {}}, change)


def register_cluster(options, kubeconfig, role):
    """installation_dependencies.sh register_cluster: `gcloud container hub memberships register`, which leaves
    the Membership CRD and the object `membership` in the cluster (asmcli's checks.sh reads both;
    istio_model.membership_objects)."""
    start = time.time()
    existing = in_cluster_membership(kubeconfig)
    if existing:
        return istio.membership_id(existing)
    fleet = options["FLEET_ID"]
    name = options["CLUSTER_NAME"] if options["PLATFORM"] == "gcp" else str(time.time_ns())
    crd, membership = istio.membership_objects(fleet, name)
    owner = membership["spec"]["owner"]["id"]
    kube.apply([crd], kubeconfig, manager="gcloud")
    kube.wait_for("the Membership CRD", lambda: "Established" in kube.kubectl(
        ["get", "crd", "memberships.hub.gke.io", "-o", "jsonpath={.status.conditions[*].type}"], kubeconfig), 30, 0.2)
    kube.apply([membership], kubeconfig, manager="gcloud")
    fleet_change(lambda f: {**f, "memberships": {**f["memberships"], name: {"fleet": fleet, "role": role, "labels": {}}}})
    kube.record(BY, "register", "gkehub:membership", name, start, id_=owner)
    info(f"Registering the cluster as {name}...")
    return name


def in_cluster_membership(kubeconfig):
    """installation_dependencies.sh populate_fleet_info: the Membership `membership`, when its CRD is installed."""
    if not kube.get_optional(["get", "crd", "memberships.hub.gke.io"], kubeconfig):
        return None
    return kube.get_optional(["get", "memberships.hub.gke.io", "membership"], kubeconfig)


def add_cluster_labels(options, membership):
    """installation_dependencies.sh add_cluster_labels: mesh_id=proj-<number> on the GKE cluster (gcp) or on
    the fleet membership (elsewhere)."""
    start = time.time()
    label = f"proj-{project_number(options['FLEET_ID'])}"
    fleet = json.load(open(kube.mesh_dir("fleet.json"))) if os.path.exists(kube.mesh_dir("fleet.json")) else {"memberships": {}, "clusterLabels": {}}
    if options["PLATFORM"] == "gcp":
        target = f"projects/{options['PROJECT_ID']}/locations/{options['CLUSTER_LOCATION']}/clusters/{options['CLUSTER_NAME']}"
        if fleet["clusterLabels"].get(target, {}).get("mesh_id") == label:
            return  # find_missing_strings: nothing missing, nothing to update
        fleet_change(lambda f: {**f, "clusterLabels": {**f["clusterLabels"], target: {**f["clusterLabels"].get(target, {}), "mesh_id": label}}})
        kube.record(BY, "update-labels", "gcp:container/cluster", target, start)
    elif membership:
        if (fleet["memberships"].get(membership) or {}).get("labels", {}).get("mesh_id") == label:
            return

        def change(f):  # a cluster registered before this run is not in fleet.json yet
            m = f["memberships"].get(membership) or {"fleet": options["FLEET_ID"], "labels": {}}
            return {**f, "memberships": {**f["memberships"], membership: {**m, "labels": {**m["labels"], "mesh_id": label}}}}
        fleet_change(change)
        kube.record(BY, "update-labels", "gkehub:membership", membership, start)
    info(f"Adding labels mesh_id={label}...")


def bind_user_to_cluster_admin(kubeconfig):
    """installation_dependencies.sh bind_user_to_cluster_admin, for `gcloud config get-value core/account`."""
    start = time.time()
    account = os.environ.get("CLOUDSDK_CORE_ACCOUNT") or "rehearsal-deployer@example.com"
    name = f"{account.split('@')[0]}-cluster-admin-binding"
    kube.kubectl(["apply", "-f", "-"], kubeconfig, stdin=json.dumps({
        "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": name},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": account}]}))
    kube.record(BY, "create", "rbac:ClusterRoleBinding", name, start)
    info(f"Binding {account} to cluster admin role...")


def gke_network(options):
    """populate_cluster_values: on GKE the mesh network is <project>-<the cluster's VPC>; the VPC is read from the
    GCP stand-in's state when it names the cluster, else `default`."""
    network = "default"
    path = os.path.join(kube.home(), "clouds", "gcp.json")
    if os.path.exists(path):
        def find(node):
            if isinstance(node, dict):
                if node.get("name") == options["CLUSTER_NAME"] and isinstance(node.get("network"), str):
                    return node["network"].rsplit("/", 1)[-1]
                return next((r for r in map(find, node.values()) if r), None)
            if isinstance(node, list):
                return next((r for r in map(find, node) if r), None)
            return None
        network = find(json.load(open(path))) or network
    return f"{options['PROJECT_ID']}-{network}"


def injector_client_config(role, revision):
    """Where the revision's webhooks call: the rehearsal's injector (tests/rehearsal/mesh/injector.sh)."""
    directory = kube.mesh_dir("injector")
    try:
        port = open(os.path.join(directory, "port")).read().strip()
        ca = open(os.path.join(directory, "ca.crt")).read()
    except OSError:
        fatal("the rehearsal's injection webhook server is not running: start it with tests/rehearsal/mesh/injector.sh start")
    return {"url": f"https://127.0.0.1:{port}/inject/{role}/{revision}", "caBundle": base64.b64encode(ca.encode()).decode()}


def install_control_plane(options, kubeconfig, role, release, revision):
    """commands/install.sh install_control_plane: label_istio_namespace, then `istioctl install` of the base
    and the revision's Pilot component, which waits until they are ready (--readiness-timeout 300s)."""
    start = time.time()
    network = options.get("NETWORK_ID") if options["PLATFORM"] != "gcp" else gke_network(options)
    network = network or "default"
    ns = kube.get_json(["get", "namespace", istio.ISTIO_SYSTEM], kubeconfig)
    current = (ns["metadata"].get("labels") or {}).get(istio.NETWORK)
    if current is None:
        kube.kubectl(["label", "ns", istio.ISTIO_SYSTEM, f"{istio.NETWORK}={network}"], kubeconfig)
    else:
        info(f"{istio.NETWORK} is already set to {current} and will NOT be overridden.")
        network = current
    # lib/config.sh configure_package: the cluster name from the GKE coordinates, or the fleet and the membership
    # populate_fleet_info reads from the cluster (registered by this run or before).
    cluster_name = istio.asm_cluster_name(options["PLATFORM"], options.get("PROJECT_ID"), options.get("CLUSTER_LOCATION"),
                                          options.get("CLUSTER_NAME"), options.get("FLEET_ID"), in_cluster_membership(kubeconfig))
    values = istio.injector_values(revision, release, network, f"proj-{project_number(options['FLEET_ID'])}" if options.get("FLEET_ID") else "", cluster_name)
    info("Installing ASM control plane...")
    kube.take_time("asmcli.install")
    kube.apply(istio.base_objects(revision, release), kubeconfig)
    kube.apply(istio.istiod_objects(revision, release, values, injector_client_config(role, revision)), kubeconfig)
    try:
        kube.wait_for(f"istiod-{revision} to be ready", lambda: kube.deployment_ready(
            kube.get_optional(["-n", istio.ISTIO_SYSTEM, "get", "deployment", f"istiod-{revision}"], kubeconfig)), 300)
    except kube.KubeError as e:
        kube.record(BY, "install", "istio:revision", revision, start, ok=False, error=str(e), refs=[role])
        fatal(f"{e}")
    kube.record(BY, "install", "istio:revision", revision, start, id_=f"{role}/istiod-{revision}", refs=[role])
    info("...done!")


def install(argv, validate_only=False):
    options = parse(argv)
    if options.get("PRINT_VERSION"):
        print(version())
        return
    if options.get("PRINT_HELP"):
        print(USAGE_SHORT.format(version=version()))
        return
    validate_args(options)
    release = istio.release_of(version())
    revision = options.get("REVISION_LABEL") or istio.default_revision(release)
    kubeconfig = cluster_kubeconfig(options)
    # prepare_environment: the output directory (set_up_local_workspace) before the cluster is read
    if options.get("OFFLINE") and not validate_only:
        prepare_offline(options, release)
    elif not validate_only:
        download_asm(options, release)
    role = kube.role_of(kubeconfig)
    start = time.time()
    if enabled(options, "ENABLE_GCP_APIS"):
        kube.record(BY, "enable", "gcp:serviceusage", "mesh.googleapis.com", start)
    # populate_fleet_info: without registration, the membership the cluster already has (if any)
    membership = register_cluster(options, kubeconfig, role) if enabled(options, "ENABLE_REGISTRATION") \
        else istio.membership_id(in_cluster_membership(kubeconfig))
    if enabled(options, "ENABLE_CLUSTER_LABELS"):
        add_cluster_labels(options, membership)
    if enabled(options, "ENABLE_CLUSTER_ROLES"):
        bind_user_to_cluster_admin(kubeconfig)
    if kube.get_optional(["get", "namespace", istio.ISTIO_SYSTEM], kubeconfig) is None:
        if not enabled(options, "ENABLE_NAMESPACE_CREATION"):
            # lib/validate.sh exit_if_istio_namespace_not_exists
            fatal("The istio-system namespace doesn't exist. Please create the \"istio-system\" and retry, or run the script "
                  "with the '--enable_namespace_creation' flag to allow the script to enable it on your behalf.")
        info("Creating istio-system namespace...")
        kube.kubectl(["create", "ns", istio.ISTIO_SYSTEM], kubeconfig)
    if validate_only:
        info("Successfully validated all requirements to install ASM.")
        return
    install_control_plane(options, kubeconfig, role, release, revision)
    info("The ASM control plane installation is now complete.")
    info(f"kubectl label namespace <NAMESPACE> istio-injection- istio.io/rev={revision} --overwrite")
    info("Successfully installed ASM.")


def main(argv):
    if not argv:
        sys.stderr.write(USAGE_SHORT.format(version=version()) + "\n")
        sys.exit(2)
    command, rest = argv[0], argv[1:]
    try:
        if command == "install":
            return install(rest)
        if command == "validate":
            return install(rest, validate_only=True)
        if command == "build-offline-package":
            return build_offline_package(rest)
        # asmcli.sh main: anything else is help_subcommand, which knows only -v, -h and --version.
        for arg in argv:
            if arg not in ("-v", "--verbose", "-h", "--help", "--version"):
                fatal(f"Unknown subcommand {arg}", usage=True)
        print(version() if "--version" in argv else USAGE_SHORT.format(version=version()))
    except kube.KubeError as e:
        fatal(str(e))


if __name__ == "__main__":
    main(sys.argv[1:])
