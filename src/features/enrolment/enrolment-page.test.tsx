// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en/enrolment.json';
import EnrolmentPage from './enrolment-page.tsx';
import { STORAGE_KEY } from './enrolment-form.ts';
import { initTestI18n } from '../../../tests/unit/test-i18n.ts';

beforeAll(async () => {
  await initTestI18n({ en: { enrolment: en } });
  localStorage.clear();
});
afterAll(() => cleanup());

describe('enrolment wizard', () => {
  it('validates, moves focus, keeps the answers on the device and deletes them on request', async () => {
    render(<EnrolmentPage />);
    expect(screen.getByText('Step 1 of 10')).toBeTruthy();
    expect(screen.getByText(en.disclaimer)).toBeTruthy();

    // Next without an answer: a message that says what is wrong, linked to the group, focus on the field.
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const first = screen.getByRole('radio', { name: 'Kindergarten (小班)' });
    expect(screen.getByText('Please choose one.')).toBeTruthy();
    expect(first.getAttribute('aria-describedby')).toBe('enr-stage-error');
    expect(document.activeElement).toBe(first);

    // Answer and go on: focus moves to the step heading.
    fireEvent.click(screen.getByRole('radio', { name: 'Primary grade 1' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Next' })));
    expect(screen.getByText('Step 2 of 10')).toBeTruthy();
    const heading = screen.getByRole('heading', { level: 2, name: en.steps.town.title });
    expect(heading.textContent).toBe(en.steps.town.title);
    expect(document.activeElement).toBe(heading);

    // Back keeps the answer and focuses the heading again.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Back' })));
    expect((screen.getByRole('radio', { name: 'Primary grade 1' }) as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: en.steps.stage.title }));

    // The answers and the step are kept on the device as they change (a reload must not lose them).
    const kept = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    expect(kept.draft.stage).toBe('primary1');
    expect(kept.step).toBe(0);
    expect(screen.getByText(en.save.kept)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: en.save.delete }));
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(screen.getByText(en.save.deleted)).toBeTruthy();
  });
});
