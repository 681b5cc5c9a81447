import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '@/i18n/areas/door';
import { i18n } from '@/i18n';
import { problemFromBody } from '@/lib/api-client';
import { doorErrorMessage, errorOutcome } from './door-messages';
import { DoorResult } from './DoorResult';

const RID = '5f0f3d3e-2b1e-5e7e-9f57-0d1f7c2a4b10';
const AT = '2030-05-01T18:04:00+00:00';
const noop = () => undefined;
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('DoorResult', () => {
  it('is a polite live region, present (and empty) before the first scan', () => {
    const html = renderToStaticMarkup(<DoorResult outcome={null} />);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('data-outcome="none"');
    expect(text(html)).toBe('');
  });

  it('says who was checked in, green, with an Undo', () => {
    const html = renderToStaticMarkup(
      <DoorResult
        outcome={{ kind: 'checked_in', registrationId: RID, at: AT }}
        name="Asha Rao"
        onUndo={noop}
      />,
    );
    expect(html).toContain('door-result--ok');
    expect(text(html)).toContain('Checked in: Asha Rao');
    expect(html).toMatch(/<button[^>]*>Undo<\/button>/);
  });

  it('names the registration while the name is unknown', () => {
    const html = renderToStaticMarkup(
      <DoorResult outcome={{ kind: 'checked_in', registrationId: RID, at: AT }} />,
    );
    expect(text(html)).toContain('Checked in: registration 5f0f3d3e');
    expect(html).not.toContain('Undo');
  });

  it('says when a ticket was first scanned, amber, without an Undo', () => {
    const html = renderToStaticMarkup(
      <DoorResult
        outcome={{ kind: 'already', registrationId: RID, at: AT }}
        name="Asha Rao"
        timeZone="UTC"
        onUndo={noop}
      />,
    );
    expect(html).toContain('door-result--warn');
    expect(text(html)).toContain('Already checked in at');
    expect(html).toContain(`dateTime="${AT}"`);
    expect(html).not.toContain('Undo');
  });

  it('puts each refusal in plain words, red', () => {
    const outcome = errorOutcome(
      problemFromBody(404, { code: 'ticket_not_found', detail: 'This code is not a ticket.' }),
    );
    const html = renderToStaticMarkup(<DoorResult outcome={outcome} />);
    expect(html).toContain('door-result--error');
    expect(html).toContain('data-code="ticket_not_found"');
    expect(text(html)).toContain('No ticket of this event has that code');
    expect(text(html)).not.toContain('This code is not a ticket.');
    const t = i18n.getFixedT('en');
    for (const code of ['not_confirmed', 'registration_not_active', 'checked_in_at_out_of_range']) {
      expect(doorErrorMessage(t, code)).not.toBe(doorErrorMessage(t, undefined));
    }
    // A code the door does not know: its own general words, never the server's English detail.
    expect(doorErrorMessage(t, 'something_new')).toBe('Something went wrong. Try again.');
  });

  it('asks before undoing, naming the consequence (the question replaces the button)', () => {
    const t = i18n.getFixedT('en');
    expect(t('door.result.undoQuestion', { name: 'Asha Rao' })).toBe(
      'Undo the check-in of Asha Rao?',
    );
    expect(t('door.result.undoConsequence')).toContain('ticket can be scanned again');
  });

  it('speaks German', async () => {
    await i18n.changeLanguage('de');
    try {
      const html = renderToStaticMarkup(<DoorResult outcome={{ kind: 'queued', waiting: 1 }} />);
      expect(text(html)).toContain('Offline gespeichert — 1 Scan wartet');
      const already = renderToStaticMarkup(
        <DoorResult outcome={{ kind: 'already', registrationId: RID, at: AT }} name="Asha Rao" />,
      );
      expect(text(already)).toContain('Bereits eingecheckt um');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('counts the scans saved offline', () => {
    const html = renderToStaticMarkup(<DoorResult outcome={{ kind: 'queued', waiting: 2 }} />);
    expect(text(html)).toContain('Saved offline — 2 scans waiting');
  });
});
