export * from './breach-notice.type';
export * from './breach-notice-form.util';
export * from './notice-organisation.util';
export {
  draftBreachNotice,
  citizenNoticeRequired,
  noticeDataCategories,
  MINISTRY_RECIPIENT,
  NOTICE_COMMITMENT,
} from './breach-notice-draft.util';
export { validateBreachNotice } from './breach-notice-validate.util';
export { CITIZEN_NOTICE_KINDS } from './citizen-notice-kinds.constant';
export * from './notice-render.util';
export { BREACH_NOTICE_TITLE, NATIONAL_PORTAL } from './breach-notice-document.util';
export { CITIZEN_NOTICE_SUMMARY } from './citizen-notice-document.util';
