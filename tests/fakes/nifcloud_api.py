#!/usr/bin/env python3
"""A local stand-in for the NIFCLOUD computing API, for testing the command scripts with the real
`nifcloud` CLI (`--endpoint-url`). It keeps state in memory, answers in the XML shapes of the
CLI's own service model, and logs every request. Like the real API it is slow to change state:
new and modified objects answer `pending`/`processing`, deleted ones `deleting`, for a few
describes (FAKE_PENDING_POLLS) before they are ready or gone; it refuses to change an object
in a transient state and to delete one still in use.

Usage: nifcloud_api.py PORT_FILE REQUEST_LOG
  A file `keys` beside PORT_FILE, when present, lists the access key ids it accepts (one a line).
  POST /_seed with a JSON body {"groups": [...], "lans": [...]} adds objects someone else made.
"""
import itertools
import json
import os
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

import nifcloud

MODEL = json.load(open(os.path.join(os.path.dirname(nifcloud.__file__), "data/computing/3.0/service-2.json")))
SHAPES = MODEL["shapes"]
# How many describes an object stays in a transient state (pending, processing, deleting).
PENDING_POLLS = int(os.environ.get("FAKE_PENDING_POLLS", "2"))
LOCK = threading.Lock()
IDS = itertools.count(1)


class ApiError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def nest(params):
    """Turns flattened query parameters (A.1.B=x) into nested dicts and lists."""
    root = {}
    for key, value in params.items():
        node, parts = root, key.split(".")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            node = node.setdefault(part, value if last else {})
    return listify(root)


def listify(node):
    if not isinstance(node, dict):
        return node
    if node and all(k.isdigit() for k in node):
        return [listify(node[k]) for k in sorted(node, key=int)]
    return {k: listify(v) for k, v in node.items()}


def render(shape_name, value):
    shape = SHAPES[shape_name]
    kind = shape["type"]
    if kind == "structure":
        out = []
        for member, spec in shape["members"].items():
            if member in value and value[member] is not None:
                tag = spec.get("locationName", member)
                out.append(f"<{tag}>{render(spec['shape'], value[member])}</{tag}>")
        return "".join(out)
    if kind == "list":
        member = shape["member"]
        tag = member.get("locationName", "item")
        return "".join(f"<{tag}>{render(member['shape'], v)}</{tag}>" for v in value)
    if kind == "boolean":
        return "true" if value else "false"
    return escape(str(value))


class Store:
    def __init__(self):
        self.groups, self.lans, self.gateways, self.cgws, self.conns = {}, {}, {}, {}, {}


def lifecycle(obj, state_key, state, then):
    """Puts obj in `state` for PENDING_POLLS describes, then moves it to `then` (None: gone)."""
    obj.update({state_key: state, "_state_key": state_key, "_polls": PENDING_POLLS, "_then": then})
    return obj


def advance(store, obj):
    """One describe of obj: counts down its transient state. Returns obj, or None once it is gone."""
    if obj.get("_then", "") == "":
        return obj
    if obj["_polls"] > 0:
        obj["_polls"] -= 1
        return obj
    if obj["_then"] is None:
        store.pop(obj["_key"], None)
        return None
    obj[obj["_state_key"]] = obj["_then"]
    obj["_then"] = ""
    return obj


def public(obj):
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def first(value):
    return value[0] if isinstance(value, list) else value


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def busy(kind, name, state):
    return ApiError(f"Client.ResourceIncorrectState.{kind}", f"The {kind} '{name}' is {state}; try again later.")


class Api:
    def __init__(self):
        self.s = Store()

    def _describe(self, store, objs):
        return [public(o) for o in (advance(store, o) for o in list(objs)) if o is not None]

    # Firewall groups
    def CreateSecurityGroup(self, p):
        name = p["GroupName"]
        if name in self.s.groups:
            raise ApiError("Client.InvalidParameterDuplicate.GroupName", f"The groupName '{name}' is already in use.")
        self.s.groups[name] = lifecycle({"_key": name, "GroupName": name, "GroupDescription": p.get("GroupDescription", ""),
                                         "AvailabilityZone": p.get("Placement", {}).get("AvailabilityZone"),
                                         "IpPermissions": [], "InstancesSet": []}, "GroupStatus", "processing", "applied")
        return {"Return": True}

    def _group_users(self, name):
        g = self.s.groups[name]
        gws = [{"VpnGatewayId": x["VpnGatewayId"], "NiftyVpnGatewayName": x["NiftyVpnGatewayName"]}
               for x in self.s.gateways.values() if first(x["GroupSet"])["GroupId"] == name]
        return gws, g["InstancesSet"]

    def DescribeSecurityGroups(self, p):
        names = as_list(p.get("GroupName"))
        missing = [n for n in names if n not in self.s.groups]
        if missing:
            raise ApiError("Client.InvalidParameterNotFound.SecurityGroup", f"The groupName '{missing[0]}' does not exist.")
        groups = [g for n, g in self.s.groups.items() if not names or n in names]
        for g in groups:
            g["VpnGatewaySet"] = self._group_users(g["GroupName"])[0]
        return {"SecurityGroupInfo": self._describe(self.s.groups, groups)}

    def _group(self, name, ready=False):
        if name not in self.s.groups:
            raise ApiError("Client.InvalidParameterNotFound.SecurityGroup", f"The groupName '{name}' does not exist.")
        group = self.s.groups[name]
        if ready and group["GroupStatus"] != "applied":
            raise busy("SecurityGroup", name, group["GroupStatus"])
        return group

    @staticmethod
    def _rules(p):
        rules = []
        for r in p.get("IpPermissions", []):
            rules.append({"IpProtocol": r["IpProtocol"], "FromPort": int(r["FromPort"]) if "FromPort" in r else None,
                          "ToPort": int(r["ToPort"]) if "ToPort" in r else None, "InOut": r.get("InOut", "IN"),
                          "IpRanges": [{"CidrIp": x["CidrIp"]} for x in r.get("IpRanges", [])]})
        return rules

    def AuthorizeSecurityGroupIngress(self, p):
        group = self._group(p["GroupName"], ready=True)
        group["IpPermissions"].extend(self._rules(p))
        lifecycle(group, "GroupStatus", "processing", "applied")
        return {"Return": True}

    def RevokeSecurityGroupIngress(self, p):
        group = self._group(p["GroupName"], ready=True)
        drop = self._rules(p)
        group["IpPermissions"] = [r for r in group["IpPermissions"] if r not in drop]
        lifecycle(group, "GroupStatus", "processing", "applied")
        return {"Return": True}

    def DeleteSecurityGroup(self, p):
        name = p["GroupName"]
        group = self._group(name, ready=True)
        gws, instances = self._group_users(name)
        if gws or instances:
            raise ApiError("Client.ResourceIncorrectState.SecurityGroup.InUse", f"The groupName '{name}' is in use.")
        lifecycle(group, "GroupStatus", "deleting", None)
        return {"Return": True}

    # Private LANs
    def NiftyCreatePrivateLan(self, p):
        name = p.get("PrivateLanName")
        if any(l["PrivateLanName"] == name for l in self.s.lans.values()):
            raise ApiError("Client.InvalidParameterDuplicate.PrivateLanName", f"The PrivateLanName '{name}' is already in use.")
        nid = f"net-{next(IDS):08x}"
        self.s.lans[nid] = lifecycle({"_key": nid, "NetworkId": nid, "PrivateLanName": name, "CidrBlock": p["CidrBlock"],
                                      "Description": p.get("Description"), "AvailabilityZone": p.get("AvailabilityZone"),
                                      "AccountingType": p.get("AccountingType", "1"), "InstancesSet": []}, "State", "pending", "available")
        return {"PrivateLan": public(self.s.lans[nid])}

    def _lans(self, p):
        names, ids = as_list(p.get("PrivateLanName")), as_list(p.get("NetworkId"))
        found = [l for l in self.s.lans.values() if (not names or l["PrivateLanName"] in names) and (not ids or l["NetworkId"] in ids)]
        if (names or ids) and not found:
            raise ApiError("Client.InvalidParameterNotFound.PrivateLanName", f"The PrivateLan '{(names + ids)[0]}' does not exist.")
        return found

    def NiftyDescribePrivateLans(self, p):
        return {"PrivateLanSet": self._describe(self.s.lans, self._lans(p))}

    def NiftyDeletePrivateLan(self, p):
        for lan in self._lans({"PrivateLanName": p.get("PrivateLanName"), "NetworkId": p.get("NetworkId")}):
            if lan["State"] != "available":
                raise busy("PrivateLan", lan["NetworkId"], lan["State"])
            if lan["InstancesSet"] or any(g["_network"] == lan["NetworkId"] for g in self.s.gateways.values()):
                raise ApiError("Client.ResourceIncorrectState.PrivateLan.InUse", "The private LAN is in use.")
            lifecycle(lan, "State", "deleting", None)
        return {"Return": True}

    # VPN gateways
    def CreateVpnGateway(self, p):
        name = p.get("NiftyVpnGatewayName")
        if any(g["NiftyVpnGatewayName"] == name for g in self.s.gateways.values()):
            raise ApiError("Client.InvalidParameterDuplicate.VpnGatewayName", f"The VpnGatewayName '{name}' is already in use.")
        net = p.get("NiftyNetwork", {})
        lan = self.s.lans.get(net.get("NetworkId"))
        if lan is None:
            raise ApiError("Client.InvalidParameterNotFound.NetworkId", f"The NetworkId '{net.get('NetworkId')}' does not exist.")
        if lan["State"] != "available":
            raise busy("PrivateLan", lan["NetworkId"], lan["State"])
        group = first(p.get("SecurityGroup", [""]))
        self._group(group, ready=True)
        gid = f"vpngw-{next(IDS):08x}"
        n = next(IDS)
        self.s.gateways[gid] = lifecycle({
            "_key": gid, "VpnGatewayId": gid, "NiftyVpnGatewayName": name, "NiftyVpnGatewayType": p.get("NiftyVpnGatewayType", "small"),
            "NiftyVpnGatewayDescription": p.get("NiftyVpnGatewayDescription"),
            "AvailabilityZone": p.get("Placement", {}).get("AvailabilityZone"),
            "AccountingType": p.get("AccountingType", "1"), "GroupSet": [{"GroupId": group}],
            "NetworkInterfaceSet": [
                {"NetworkId": "net-COMMON_GLOBAL", "IpAddress": f"203.0.113.{n % 250 + 1}", "DeviceIndex": "0"},
                {"NetworkId": net["NetworkId"], "IpAddress": net.get("IpAddress"), "DeviceIndex": "1"}],
            "_network": net["NetworkId"]}, "State", "pending", "available")
        return {"VpnGateway": public(self.s.gateways[gid])}

    def _gateways(self, p):
        names, ids = as_list(p.get("NiftyVpnGatewayName")), as_list(p.get("VpnGatewayId"))
        found = [g for g in self.s.gateways.values()
                 if (not names or g["NiftyVpnGatewayName"] in names) and (not ids or g["VpnGatewayId"] in ids)]
        if (names or ids) and not found:
            raise ApiError("Client.InvalidParameterNotFound.VpnGatewayId", f"The VpnGateway '{(names + ids)[0]}' does not exist.")
        return found

    def DescribeVpnGateways(self, p):
        return {"VpnGatewaySet": self._describe(self.s.gateways, self._gateways(p))}

    def NiftyModifyVpnGatewayAttribute(self, p):
        for g in self._gateways({"NiftyVpnGatewayName": p.get("NiftyVpnGatewayName"), "VpnGatewayId": p.get("VpnGatewayId")}):
            if g["State"] != "available":
                raise busy("VpnGateway", g["VpnGatewayId"], g["State"])
            if p.get("Attribute") != "groupId":
                raise ApiError("Client.InvalidParameter.Attribute", f"The fake supports only Attribute=groupId, not {p.get('Attribute')}.")
            self._group(p.get("Value"), ready=True)
            g["GroupSet"] = [{"GroupId": p["Value"]}]
            lifecycle(g, "State", "pending", "available")
        return {"Return": True}

    def DeleteVpnGateway(self, p):
        for g in self._gateways({"NiftyVpnGatewayName": p.get("NiftyVpnGatewayName"), "VpnGatewayId": p.get("VpnGatewayId")}):
            if g["State"] != "available":
                raise busy("VpnGateway", g["VpnGatewayId"], g["State"])
            if any(c["VpnGatewayId"] == g["VpnGatewayId"] for c in self.s.conns.values()):
                raise ApiError("Client.ResourceIncorrectState.VpnGateway.InUse", "The VPN gateway has connections.")
            lifecycle(g, "State", "deleting", None)
        return {"Return": True}

    # Customer gateways
    def CreateCustomerGateway(self, p):
        cid = f"cgw-{next(IDS):08x}"
        self.s.cgws[cid] = lifecycle({"_key": cid, "CustomerGatewayId": cid, "NiftyCustomerGatewayName": p.get("NiftyCustomerGatewayName"),
                                      "NiftyCustomerGatewayDescription": p.get("NiftyCustomerGatewayDescription"),
                                      "IpAddress": p["IpAddress"], "Type": p.get("Type"),
                                      "NiftyLanSideCidrBlock": p.get("NiftyLanSideCidrBlock")}, "State", "pending", "available")
        return {"CustomerGateway": public(self.s.cgws[cid])}

    def _cgws(self, p):
        names, ids = as_list(p.get("NiftyCustomerGatewayName")), as_list(p.get("CustomerGatewayId"))
        found = [c for c in self.s.cgws.values()
                 if (not names or c["NiftyCustomerGatewayName"] in names) and (not ids or c["CustomerGatewayId"] in ids)]
        if (names or ids) and not found:
            raise ApiError("Client.InvalidParameterNotFound.CustomerGatewayId", f"The CustomerGateway '{(names + ids)[0]}' does not exist.")
        return found

    def DescribeCustomerGateways(self, p):
        return {"CustomerGatewaySet": self._describe(self.s.cgws, self._cgws(p))}

    def DeleteCustomerGateway(self, p):
        for c in self._cgws({"NiftyCustomerGatewayName": p.get("NiftyCustomerGatewayName"), "CustomerGatewayId": p.get("CustomerGatewayId")}):
            if c["State"] != "available":
                raise busy("CustomerGateway", c["CustomerGatewayId"], c["State"])
            if any(x["CustomerGatewayId"] == c["CustomerGatewayId"] for x in self.s.conns.values()):
                raise ApiError("Client.ResourceIncorrectState.CustomerGateway.InUse", "The customer gateway has connections.")
            lifecycle(c, "State", "deleting", None)
        return {"Return": True}

    # VPN connections
    def CreateVpnConnection(self, p):
        gw, cgw = self.s.gateways.get(p.get("VpnGatewayId")), self.s.cgws.get(p.get("CustomerGatewayId"))
        if gw is None:
            raise ApiError("Client.InvalidParameterNotFound.VpnGatewayId", "The VpnGatewayId does not exist.")
        if cgw is None:
            raise ApiError("Client.InvalidParameterNotFound.CustomerGatewayId", "The CustomerGatewayId does not exist.")
        for kind, obj, key in (("VpnGateway", gw, "VpnGatewayId"), ("CustomerGateway", cgw, "CustomerGatewayId")):
            if obj["State"] != "available":
                raise busy(kind, obj[key], obj["State"])
        ipsec = p.get("NiftyIpsecConfiguration", {})
        if not ipsec.get("PreSharedKey"):
            raise ApiError("Client.InvalidParameterNotFound.PreSharedKey", "PreSharedKey is required.")
        vid = f"vpn-{next(IDS):08x}"
        self.s.conns[vid] = lifecycle({"_key": vid, "VpnConnectionId": vid, "VpnGatewayId": p["VpnGatewayId"],
                                       "CustomerGatewayId": p["CustomerGatewayId"], "Type": p["Type"],
                                       "NiftyIpsecConfiguration": ipsec}, "State", "pending", "available")
        return {"VpnConnection": public(self.s.conns[vid])}

    def DescribeVpnConnections(self, p):
        return {"VpnConnectionSet": self._describe(self.s.conns, self.s.conns.values())}

    def DeleteVpnConnection(self, p):
        vid = p["VpnConnectionId"]
        if vid not in self.s.conns:
            raise ApiError("Client.InvalidParameterNotFound.VpnConnectionId", f"The VpnConnectionId '{vid}' does not exist.")
        conn = self.s.conns[vid]
        if conn["State"] != "available":
            raise busy("VpnConnection", vid, conn["State"])
        lifecycle(conn, "State", "deleting", None)
        return {"Return": True}

    # Objects made by someone else before the stack ran (test set-up only).
    def seed(self, spec):
        for g in spec.get("groups", []):
            self.s.groups[g["GroupName"]] = {"_key": g["GroupName"], "GroupStatus": "applied", "GroupDescription": "",
                                             "IpPermissions": [], "InstancesSet": [], **g}
        for l in spec.get("lans", []):
            self.s.lans[l["NetworkId"]] = {"_key": l["NetworkId"], "State": "available", "InstancesSet": [], **l}
        return {"seeded": True}


API = Api()


class Handler(BaseHTTPRequestHandler):
    log_path = None

    keys_path = None

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        if self.path == "/_seed":
            with LOCK:
                result = API.seed(json.loads(body))
            return self.reply(200, json.dumps(result))
        flat = dict(parse_qsl(body, keep_blank_values=True))
        action = flat.pop("Action", "")
        key = flat.get("AccessKeyId", "")
        for k in ("Version", "AccessKeyId", "SignatureMethod", "SignatureVersion", "Signature", "Timestamp"):
            flat.pop(k, None)
        params = nest(flat)
        error = None
        try:
            if os.path.exists(self.keys_path) and key not in open(self.keys_path).read().split():
                raise ApiError("Client.SignatureDoesNotMatch", "The access key is not valid.", 401)
            if not hasattr(API, action):
                raise ApiError("Client.InvalidAction", f"Action {action} is not supported by the fake.")
            with LOCK:
                result = getattr(API, action)(params)
            shape = MODEL["operations"][action]["output"]["shape"]
            xml = render(shape, {"RequestId": str(uuid.uuid4()), **result})
            status, reply = 200, f'<{action}Response xmlns="{MODEL["metadata"]["xmlNamespace"]}">{xml}</{action}Response>'
        except ApiError as e:
            error = e.code
            status, reply = e.status, f"<Response><Errors><Error><Code>{e.code}</Code><Message>{escape(e.message)}</Message></Error></Errors><RequestID>x</RequestID></Response>"
        with open(self.log_path, "a") as log:
            log.write(json.dumps({"action": action, "params": params, "key": key, "error": error}) + "\n")
        self.reply(status, reply)

    def reply(self, status, xml):
        data = xml.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    port_file, log_path = sys.argv[1], sys.argv[2]
    Handler.log_path = log_path
    Handler.keys_path = os.path.join(os.path.dirname(os.path.abspath(port_file)), "keys")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
