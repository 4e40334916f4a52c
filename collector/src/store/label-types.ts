/** What the store keeps of a machine's user (使用人) and asset number (资产编号). */
export interface MachineLabels {
  user: string | null;
  assetNumber: string | null;
}

/** A machine as an admin names it: by id, or by hostname in a file or on the command line. */
export interface MachineIdentity {
  id: string;
  hostname: string;
}
