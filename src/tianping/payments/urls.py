from django.urls import path

from tianping.payments import views

app_name = "payments"

urlpatterns = [
    path("", views.home, name="home"),
    path("court/", views.court_orders, name="court"),
    path("orders/<int:order_id>/", views.order_page, name="order"),
    path("orders/<int:order_id>/pay/", views.pay, name="pay"),
    path("orders/<int:order_id>/refund/", views.refund, name="refund"),
    path("orders/<int:order_id>/cancel/", views.cancel, name="cancel"),
    path("orders/<int:order_id>/counter-payment/", views.counter_payment, name="counter_payment"),
    path("orders/<int:order_id>/relief/", views.relief_request, name="relief_request"),
    path("orders/<int:order_id>/receipt.pdf", views.receipt, name="receipt"),
    path("reliefs/<int:relief_id>/decide/", views.relief_decide, name="relief_decide"),
    path("cashier/<str:reference>/", views.cashier, name="cashier"),
]
