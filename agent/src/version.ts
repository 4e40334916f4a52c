/** The agent's version, reported in every snapshot. A constant, so a scan reads nothing to learn it. */
export const AGENT_VERSION = '0.1.0';
