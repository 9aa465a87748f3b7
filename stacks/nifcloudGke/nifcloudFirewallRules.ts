/** Kept at its former path for existing importers; the rules live beside the NIFCLOUD peer. */
export { nifcloudFirewallRules } from "../../components/vpn/nifcloudFirewallRules";
