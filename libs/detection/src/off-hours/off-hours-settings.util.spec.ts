import { loadOffHoursSettings, parseOffHoursSettings } from './off-hours-settings.util';

describe(parseOffHoursSettings.name, () => {
  it('accepts config/detection.json and names each wrong value', () => {
    const sut = loadOffHoursSettings();
    expect(parseOffHoursSettings(sut).settings).toEqual(sut);
    expect(parseOffHoursSettings({ ...sut, windowDays: 90, nightStartHour: 25 }).problems).toEqual([
      'offHours.nightStartHour: must be an hour 0-24',
      'offHours.windowDays: must be 1-60 days',
    ]);
    expect(parseOffHoursSettings({ ...sut, graceMinute: 30 }).problems).toEqual(['offHours.graceMinute: not a setting']);
  });
});
