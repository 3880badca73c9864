import { describe, expect, it } from 'vitest';
import { PushFlow, type PushPort } from './push.svelte';
import { FakeEvents } from './testing';
import type { PushPreview, PushRequest } from '../api';

const preview: PushPreview = {
  create: [{ contactId: 1, name: 'Tui Street Dental', qboId: '', customerName: '', why: 'A new customer will be created.' }],
  link: [{ contactId: 2, name: 'Kaito Nakamura', qboId: '58', customerName: 'Kaito Nakamura', why: 'Name and email match.' }],
  collide: [{ contactId: 3, name: 'Harbour Lights', qboId: '61', customerName: 'Harbour Lights', why: 'Name taken.' }],
  skip: null,
  requests: 1,
};

class FakePort implements PushPort {
  previews: PushRequest[] = [];
  pushes: PushRequest[] = [];
  async pushPreview(r: PushRequest) {
    this.previews.push(r);
    return preview;
  }
  async push(r: PushRequest) {
    this.pushes.push(r);
  }
}

describe('PushFlow', () => {
  it('previews, pushes what was previewed, and follows the run to its end', async () => {
    const port = new FakePort();
    const events = new FakeEvents();
    const flow = new PushFlow(port);
    const stop = flow.listen(events);
    const req = { contactIds: [1, 2, 3], typeId: 0 };

    // Progress of some other run is not this push's.
    events.emit('sync:progress', { runId: 4, phase: 'reading', done: 1, total: 2, remainingSeconds: 1, dryRun: false });
    expect(flow.progress).toBeNull();

    await flow.runPreview(req);
    expect(flow.stage).toBe('preview');
    expect(flow.count).toBe(2); // one created, one linked; the collision is left alone

    expect(await flow.push()).toBe(true);
    expect(port.pushes).toEqual([req]);
    expect(flow.stage).toBe('pushing');
    events.emit('sync:progress', { runId: 5, phase: 'sending', done: 1, total: 1, remainingSeconds: 0, dryRun: false });
    expect(flow.progress?.phase).toBe('sending');
    events.emit('sync:finished', { result: null, error: null });
    expect(flow.stage).toBe('done');
    stop();
  });

  it('stays on the choice when Go refuses the preview', async () => {
    const flow = new PushFlow({
      pushPreview: () => Promise.reject({ code: 'invalid', message: 'Choose the contacts to push.' }),
      push: async () => {},
    });
    await flow.runPreview({ contactIds: [], typeId: 0 });
    expect(flow.stage).toBe('choose');
    expect(flow.error?.message).toBe('Choose the contacts to push.');
  });

  it('pushes nothing when nothing would be created or linked', async () => {
    const port = new FakePort();
    port.pushPreview = async () => ({ create: null, link: [], collide: null, skip: preview.collide, requests: 1 });
    const flow = new PushFlow(port);
    await flow.runPreview({ contactIds: [3], typeId: 0 });
    expect(await flow.push()).toBe(false);
    expect(port.pushes).toEqual([]);
  });
});
