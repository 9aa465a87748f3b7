#!/usr/bin/env python3
"""A local stand-in for the NIFCLOUD computing API, for testing the command scripts with the real
`nifcloud` CLI (`--endpoint-url`). It keeps state in memory, answers in the XML shapes of the
CLI's own service model, makes new objects pass through `pending`, and logs every request.

Usage: nifcloud_api.py PORT_FILE REQUEST_LOG
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
PENDING_POLLS = int(os.environ.get("FAKE_PENDING_POLLS", "1"))
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

    @staticmethod
    def advance(obj, ready_state):
        """Objects answer `pending` for PENDING_POLLS describes, then ready_state."""
        if obj["_polls"] < PENDING_POLLS:
            obj["_polls"] += 1
        else:
            obj[obj["_state_key"]] = ready_state
        return obj


def public(obj):
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def first(value):
    return value[0] if isinstance(value, list) else value


class Api:
    def __init__(self):
        self.s = Store()

    # Firewall groups
    def CreateSecurityGroup(self, p):
        name = p["GroupName"]
        if name in self.s.groups:
            raise ApiError("Client.InvalidParameterDuplicate.GroupName", f"The groupName '{name}' is already in use.")
        self.s.groups[name] = {"GroupName": name, "GroupDescription": p.get("GroupDescription", ""),
                               "AvailabilityZone": p.get("Placement", {}).get("AvailabilityZone"),
                               "GroupStatus": "processing", "IpPermissions": [], "_polls": 0, "_state_key": "GroupStatus"}
        return {"Return": True}

    def DescribeSecurityGroups(self, p):
        names = p.get("GroupName", [])
        names = names if isinstance(names, list) else [names]
        missing = [n for n in names if n not in self.s.groups]
        if missing:
            raise ApiError("Client.InvalidParameterNotFound.SecurityGroup", f"The groupName '{missing[0]}' does not exist.")
        groups = [self.s.advance(g, "applied") for n, g in self.s.groups.items() if not names or n in names]
        return {"SecurityGroupInfo": [public(g) for g in groups]}

    def _group(self, name):
        if name not in self.s.groups:
            raise ApiError("Client.InvalidParameterNotFound.SecurityGroup", f"The groupName '{name}' does not exist.")
        return self.s.groups[name]

    @staticmethod
    def _rules(p):
        rules = []
        for r in p.get("IpPermissions", []):
            rules.append({"IpProtocol": r["IpProtocol"], "FromPort": int(r["FromPort"]) if "FromPort" in r else None,
                          "ToPort": int(r["ToPort"]) if "ToPort" in r else None, "InOut": r.get("InOut", "IN"),
                          "IpRanges": [{"CidrIp": x["CidrIp"]} for x in r.get("IpRanges", [])]})
        return rules

    def AuthorizeSecurityGroupIngress(self, p):
        group = self._group(p["GroupName"])
        group["IpPermissions"].extend(self._rules(p))
        group.update(GroupStatus="processing", _polls=0)
        return {"Return": True}

    def RevokeSecurityGroupIngress(self, p):
        group = self._group(p["GroupName"])
        drop = self._rules(p)
        group["IpPermissions"] = [r for r in group["IpPermissions"] if r not in drop]
        group.update(GroupStatus="processing", _polls=0)
        return {"Return": True}

    def DeleteSecurityGroup(self, p):
        name = p["GroupName"]
        self._group(name)
        if any(first(g["GroupSet"])["GroupId"] == name for g in self.s.gateways.values()):
            raise ApiError("Client.ResourceIncorrectState.SecurityGroup.InUse", f"The groupName '{name}' is in use.")
        del self.s.groups[name]
        return {"Return": True}

    # Private LANs
    def NiftyCreatePrivateLan(self, p):
        name = p.get("PrivateLanName")
        if any(l["PrivateLanName"] == name for l in self.s.lans.values()):
            raise ApiError("Client.InvalidParameterDuplicate.PrivateLanName", f"The PrivateLanName '{name}' is already in use.")
        nid = f"net-{next(IDS):08x}"
        self.s.lans[nid] = {"NetworkId": nid, "PrivateLanName": name, "CidrBlock": p["CidrBlock"], "State": "pending",
                            "AvailabilityZone": p.get("AvailabilityZone"), "AccountingType": p.get("AccountingType", "1"),
                            "_polls": 0, "_state_key": "State"}
        return {"PrivateLan": public(self.s.lans[nid])}

    def _lans_named(self, name):
        return [l for l in self.s.lans.values() if l["PrivateLanName"] == name]

    def NiftyDescribePrivateLans(self, p):
        names = p.get("PrivateLanName", [])
        names = names if isinstance(names, list) else [names]
        lans = [self.s.advance(l, "available") for l in self.s.lans.values() if not names or l["PrivateLanName"] in names]
        if names and not lans:
            raise ApiError("Client.InvalidParameterNotFound.PrivateLanName", f"The PrivateLanName '{names[0]}' does not exist.")
        return {"PrivateLanSet": [public(l) for l in lans]}

    def NiftyDeletePrivateLan(self, p):
        lans = self._lans_named(p.get("PrivateLanName"))
        if not lans:
            raise ApiError("Client.InvalidParameterNotFound.PrivateLanName", "The PrivateLanName does not exist.")
        nid = lans[0]["NetworkId"]
        if any(g["_network"] == nid for g in self.s.gateways.values()):
            raise ApiError("Client.ResourceIncorrectState.PrivateLan.InUse", "The private LAN is in use.")
        del self.s.lans[nid]
        return {"Return": True}

    # VPN gateways
    def CreateVpnGateway(self, p):
        name = p.get("NiftyVpnGatewayName")
        net = p.get("NiftyNetwork", {})
        if net.get("NetworkId") not in self.s.lans:
            raise ApiError("Client.InvalidParameterNotFound.NetworkId", f"The NetworkId '{net.get('NetworkId')}' does not exist.")
        group = first(p.get("SecurityGroup", [""]))
        self._group(group)
        gid = f"vpngw-{next(IDS):08x}"
        n = next(IDS)
        self.s.gateways[gid] = {
            "VpnGatewayId": gid, "NiftyVpnGatewayName": name, "NiftyVpnGatewayType": p.get("NiftyVpnGatewayType", "small"),
            "State": "pending", "AvailabilityZone": p.get("Placement", {}).get("AvailabilityZone"),
            "AccountingType": p.get("AccountingType", "1"), "GroupSet": [{"GroupId": group}],
            "NetworkInterfaceSet": [
                {"NetworkId": "net-COMMON_GLOBAL", "IpAddress": f"203.0.113.{n % 250 + 1}", "DeviceIndex": "0"},
                {"NetworkId": net["NetworkId"], "IpAddress": net.get("IpAddress"), "DeviceIndex": "1"}],
            "_network": net["NetworkId"], "_polls": 0, "_state_key": "State"}
        return {"VpnGateway": public(self.s.gateways[gid])}

    def _gateways(self, p):
        names = p.get("NiftyVpnGatewayName", [])
        names = names if isinstance(names, list) else [names]
        found = [g for g in self.s.gateways.values() if not names or g["NiftyVpnGatewayName"] in names]
        if names and not found:
            raise ApiError("Client.InvalidParameterNotFound.VpnGatewayId", f"The VpnGatewayName '{names[0]}' does not exist.")
        return found

    def DescribeVpnGateways(self, p):
        return {"VpnGatewaySet": [public(self.s.advance(g, "available")) for g in self._gateways(p)]}

    def DeleteVpnGateway(self, p):
        for g in self._gateways({"NiftyVpnGatewayName": p.get("NiftyVpnGatewayName")}):
            if any(c["VpnGatewayId"] == g["VpnGatewayId"] for c in self.s.conns.values()):
                raise ApiError("Client.ResourceIncorrectState.VpnGateway.InUse", "The VPN gateway has connections.")
            del self.s.gateways[g["VpnGatewayId"]]
        return {"Return": True}

    # Customer gateways
    def CreateCustomerGateway(self, p):
        cid = f"cgw-{next(IDS):08x}"
        self.s.cgws[cid] = {"CustomerGatewayId": cid, "NiftyCustomerGatewayName": p.get("NiftyCustomerGatewayName"),
                            "IpAddress": p["IpAddress"], "Type": p.get("Type"), "State": "pending",
                            "NiftyLanSideCidrBlock": p.get("NiftyLanSideCidrBlock"), "_polls": 0, "_state_key": "State"}
        return {"CustomerGateway": public(self.s.cgws[cid])}

    def _cgws(self, p):
        names = p.get("NiftyCustomerGatewayName", [])
        names = names if isinstance(names, list) else [names]
        found = [c for c in self.s.cgws.values() if not names or c["NiftyCustomerGatewayName"] in names]
        if names and not found:
            raise ApiError("Client.InvalidParameterNotFound.CustomerGatewayId", f"The CustomerGatewayName '{names[0]}' does not exist.")
        return found

    def DescribeCustomerGateways(self, p):
        return {"CustomerGatewaySet": [public(self.s.advance(c, "available")) for c in self._cgws(p)]}

    def DeleteCustomerGateway(self, p):
        for c in self._cgws({"NiftyCustomerGatewayName": p.get("NiftyCustomerGatewayName")}):
            if any(x["CustomerGatewayId"] == c["CustomerGatewayId"] for x in self.s.conns.values()):
                raise ApiError("Client.ResourceIncorrectState.CustomerGateway.InUse", "The customer gateway has connections.")
            del self.s.cgws[c["CustomerGatewayId"]]
        return {"Return": True}

    # VPN connections
    def CreateVpnConnection(self, p):
        if p.get("VpnGatewayId") not in self.s.gateways:
            raise ApiError("Client.InvalidParameterNotFound.VpnGatewayId", "The VpnGatewayId does not exist.")
        if p.get("CustomerGatewayId") not in self.s.cgws:
            raise ApiError("Client.InvalidParameterNotFound.CustomerGatewayId", "The CustomerGatewayId does not exist.")
        ipsec = p.get("NiftyIpsecConfiguration", {})
        if not ipsec.get("PreSharedKey"):
            raise ApiError("Client.InvalidParameterNotFound.PreSharedKey", "PreSharedKey is required.")
        vid = f"vpn-{next(IDS):08x}"
        self.s.conns[vid] = {"VpnConnectionId": vid, "VpnGatewayId": p["VpnGatewayId"], "CustomerGatewayId": p["CustomerGatewayId"],
                             "Type": p["Type"], "State": "pending", "NiftyIpsecConfiguration": ipsec,
                             "_polls": 0, "_state_key": "State"}
        return {"VpnConnection": public(self.s.conns[vid])}

    def DescribeVpnConnections(self, p):
        return {"VpnConnectionSet": [public(self.s.advance(c, "available")) for c in self.s.conns.values()]}

    def DeleteVpnConnection(self, p):
        vid = p["VpnConnectionId"]
        if vid not in self.s.conns:
            raise ApiError("Client.InvalidParameterNotFound.VpnConnectionId", f"The VpnConnectionId '{vid}' does not exist.")
        del self.s.conns[vid]
        return {"Return": True}


API = Api()


class Handler(BaseHTTPRequestHandler):
    log_path = None

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        flat = dict(parse_qsl(body, keep_blank_values=True))
        action = flat.pop("Action", "")
        for k in ("Version", "AccessKeyId", "SignatureMethod", "SignatureVersion", "Signature", "Timestamp"):
            flat.pop(k, None)
        params = nest(flat)
        with open(self.log_path, "a") as log:
            log.write(json.dumps({"action": action, "params": params}) + "\n")
        try:
            if not hasattr(API, action):
                raise ApiError("Client.InvalidAction", f"Action {action} is not supported by the fake.")
            with LOCK:
                result = getattr(API, action)(params)
            shape = MODEL["operations"][action]["output"]["shape"]
            xml = render(shape, {"RequestId": str(uuid.uuid4()), **result})
            self.reply(200, f'<{action}Response xmlns="{MODEL["metadata"]["xmlNamespace"]}">{xml}</{action}Response>')
        except ApiError as e:
            self.reply(e.status, f"<Response><Errors><Error><Code>{e.code}</Code><Message>{escape(e.message)}</Message></Error></Errors><RequestID>x</RequestID></Response>")

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
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
