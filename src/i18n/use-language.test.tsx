// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initTestI18n } from '../../tests/unit/test-i18n.ts';
import { useLanguage } from './use-language';

function Shown() {
  return <p data-testid="lang">{useLanguage()}</p>;
}

beforeAll(() => initTestI18n({ en: { common: {} }, 'zh-Hant': { common: {} }, fr: { common: {} } }));
afterEach(cleanup);

describe('useLanguage', () => {
  it('follows a language switch and maps anything else onto the default', async () => {
    render(<Shown />);
    expect(screen.getByTestId('lang').textContent).toBe('en');
    await act(() => i18next.changeLanguage('zh-Hant'));
    expect(screen.getByTestId('lang').textContent).toBe('zh-Hant');
    await act(() => i18next.changeLanguage('fr'));
    expect(screen.getByTestId('lang').textContent).toBe('zh-Hans');
  });
});
