import { redactedUrl } from './report-delivery.dto';

describe(redactedUrl.name, () => {
  it('keeps scheme, host, port and path, and drops user info, query and fragment', () => {
    expect(redactedUrl('https://user:pa55@office.quangtri.gov.vn:8443/hooks/reports?token=s3cr3t&x=1#frag')).toBe(
      'https://office.quangtri.gov.vn:8443/hooks/reports',
    );
    expect(redactedUrl('http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000/');
  });

  it('shows no part of a value that is not a URL', () => {
    expect(redactedUrl('not a url with secret')).toBe('(invalid URL)');
  });
});
