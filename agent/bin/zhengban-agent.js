#!/usr/bin/env node
// The agent runs from its bundle (see scripts/bundle-agent.mjs): one file loads far
// faster than the hundreds of modules its dependencies are made of.
import '../bundle/zhengban-agent.mjs';
