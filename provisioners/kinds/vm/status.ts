// A VM's state as KubeVirt reports it, and whether it runs as it should.
import { obj, str, type Obj } from '../../json-fields.js';
import type { K8sObject } from '../../tenant-input.js';
import { driftReason } from '../../drift-reasons.js';
import type { Observation, ObservedState } from '../kind.js';

const VM_PROVISIONING = new Set(['Provisioning', 'Starting', 'WaitingForVolumeBinding', 'WaitingForReceiver', 'Migrating']);

/** KubeVirt's printableStatus → our state. `halted`: the VM is meant to be off (runStrategy Halted). */
export function vmState(printableStatus: string | undefined, halted = false): ObservedState {
  if (!printableStatus) return 'PROVISIONING'; // just created: the controller has not written a status yet
  if (printableStatus === 'Running') return halted ? 'PROVISIONING' : 'READY';
  if (printableStatus === 'Stopped') return halted ? 'READY' : 'PROVISIONING';
  if (VM_PROVISIONING.has(printableStatus) || printableStatus === 'Stopping') return 'PROVISIONING';
  // ErrorUnschedulable, ErrImagePull, ImagePullBackOff, ErrorPvcNotFound, DataVolumeError, CrashLoopBackOff,
  // Paused (by someone, not by us), Terminating, Unknown, and whatever KubeVirt adds later
  return 'FAILED';
}

function isHalted(vm: Obj): boolean {
  const spec = obj(vm.spec);
  return spec.runStrategy === 'Halted' || spec.running === false;
}

/** The VM's state, and drift when it runs while it should be halted or the other way round. */
export function observeVm(want: K8sObject, live: Obj): Observation {
  const printable = str(obj(live.status).printableStatus);
  const halted = isHalted(want);
  return {
    state: vmState(printable, halted),
    ...(printable ? { detail: printable } : {}),
    ...(halted !== isHalted(live)
      ? { drift: driftReason('drift.runState', { expected: halted ? 'drift.vm.halted' : 'drift.vm.running', actual: isHalted(live) ? 'drift.vm.halted' : 'drift.vm.running' }) }
      : {}),
  };
}
