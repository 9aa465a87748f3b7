"""IPv4 CIDR arithmetic for the data plane: containment and the intersection of two selector lists."""
import ipaddress


def net(text):
    """A CIDR (host bits allowed, as the clouds accept them) or None when it is not one."""
    try:
        return ipaddress.ip_network(str(text).strip(), strict=False)
    except ValueError:
        return None


def covers(outer, inner):
    """True when CIDR `outer` holds every address of CIDR `inner`."""
    a, b = net(outer), net(inner)
    return a is not None and b is not None and b.subnet_of(a)


def covered(cidrs, inner):
    """True when one of `cidrs` holds every address of `inner`."""
    return any(covers(c, inner) for c in cidrs)


def intersect(left, right):
    """The addresses in both lists of CIDRs, as CIDRs: of two blocks that overlap, the smaller one."""
    out = []
    for a in left:
        for b in right:
            x, y = net(a), net(b)
            if x is None or y is None or not x.overlaps(y):
                continue
            small = str(x if x.prefixlen >= y.prefixlen else y)
            if small not in out:
                out.append(small)
    return out
