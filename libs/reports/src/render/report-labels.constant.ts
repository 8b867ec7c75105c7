import type { ActivityAction, LockCause, ReportKind } from '../report.type';

/** The Vietnamese words the documents use (the console's catalogue says the same: apps/admin-web/src/i18n/vi.ts). */
export const KIND_VI: Record<ReportKind, string> = {
  weekly: 'tuần',
  monthly: 'tháng',
  quarterly: 'quý',
  on_demand: 'theo yêu cầu',
  citizen_access: 'truy cập dữ liệu cá nhân của công dân',
};

export const ACTION_VI: Record<ActivityAction, string> = {
  lookup: 'Tra cứu, xác thực thông tin công dân',
  login: 'Đăng nhập',
  export: 'Kết xuất dữ liệu',
  other: 'Khác (đăng xuất)',
};

export const LOCK_CAUSE_VI: Record<LockCause, string> = {
  idle: 'Không sử dụng quá 3 tháng',
  transferred: 'Chuyển công tác',
  retired: 'Nghỉ hưu, thôi việc',
  suspended: 'Tạm đình chỉ theo danh bạ',
  removed: 'Bị xóa khỏi danh bạ tài khoản',
  manual: 'Quản trị viên khóa',
};

export const SEVERITY_VI: Record<string, string> = {
  info: 'Thông tin',
  low: 'Thấp',
  medium: 'Trung bình',
  high: 'Cao',
  critical: 'Nghiêm trọng',
};

/** An alert's state for the Office: waiting, under review, or the reviewer's conclusion. */
export const OUTCOME_VI: Record<string, string> = {
  open: 'Chưa xử lý',
  acknowledged: 'Đang xem xét',
  suppressed: 'Tạm ẩn theo quy tắc miễn trừ',
  none: 'Đã xử lý',
  true_positive: 'Kết luận: đúng vi phạm',
  false_positive: 'Kết luận: cảnh báo sai',
  expected: 'Kết luận: hợp lệ, đã biết trước',
};

/** Alert types in the Office's words: the console's Vietnamese catalogue's (a test keeps the two the same). */
export const ALERT_TYPE_VI: Record<string, string> = {
  locked_account_in_use: 'Tài khoản đã khóa vẫn tra cứu',
  future_event_time: 'Thời điểm tra cứu ở tương lai',
  mass_change_blocked: 'Chặn thay đổi hàng loạt',
  subject_volume: 'Tra cứu nhiều công dân',
  volume_own_baseline: 'Tra cứu vượt mức thường ngày',
  volume_peers: 'Tra cứu vượt đồng nghiệp',
  volume_hourly: 'Tra cứu dồn trong một giờ',
  unit_surge: 'Cả đơn vị cùng tăng tra cứu',
  enumeration: 'Dò tìm số định danh liên tiếp',
  unexplained_lookups: 'Tra cứu không gắn hồ sơ',
  sensitive_fields: 'Trả về trường nhạy cảm không cần thiết',
  off_hours: 'Tra cứu ngoài giờ làm việc',
  cross_unit_citizen: 'Nhiều đơn vị cùng tra một công dân',
  gradual_growth: 'Tra cứu tăng dần qua nhiều tuần',
  unregistered_source_system: 'Hệ thống chưa đăng ký',
  undeclared_fields: 'Trường dữ liệu chưa khai báo',
  bulk_export: 'Trích xuất hàng loạt',
  foreign_network: 'Tra cứu từ mạng lạ',
  concurrent_networks: 'Cùng lúc từ nhiều mạng',
  dormant_waking: 'Tài khoản lâu không dùng hoạt động trở lại',
  trace_subject_repeated: 'Một công dân bị truy vết dưới nhiều vụ việc',
  trace_case_many_subjects: 'Một vụ việc truy vết nhiều công dân',
};

export const SOURCE_STATUS_VI: Record<string, string> = {
  active: 'Đang hoạt động',
  suspended: 'Tạm dừng',
  retired: 'Ngừng kết nối',
};
