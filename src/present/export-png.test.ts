import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-png';

describe('export file name', () => {
  it('names the file after the view and the day', () => {
    expect(exportFileName('Changsha', new Date('2025-01-31T12:00:00Z'))).toBe(
      'renovation-atlas-changsha-2025-01-31.png',
    );
    expect(exportFileName('长沙', new Date('2025-01-31T12:00:00Z'))).toBe('renovation-atlas-2025-01-31.png');
  });
});
